import { Assistant } from './assistant/assistant.ts';
import { ServiceError } from './check-services.ts';
import { officialAccountPuppet, type Config } from './config.ts';
import { consoleBaseUrl } from './domain/console/console-address.ts';
import { createLogger, type Logger } from './log.ts';
import { EngagementAssistant } from './plugin.ts';
import { readConfig, requireServices } from './read-config.ts';
import { freshSimulatorConfig } from './simulator/simulator-config.ts';
import { runSimulator } from './simulator/simulator.ts';
import { buildWechaty } from './wechaty/build-wechaty.ts';

/** Nobody's WeChat account is at risk in the simulator: pace it for a person at a keyboard, at any hour. */
const simulatorDefaults = {
  SEND_INTERVAL_SECONDS: '0.3',
  SEND_JITTER_SECONDS: '0',
  REPLY_INTERVAL_SECONDS: '0.3',
  REPLY_JITTER_SECONDS: '0',
  GROUP_POST_PAUSE_SECONDS: '0',
  QUIET_HOURS: 'off',
  // The demo account is a stand-in: no warm-up, so that a 通知 goes out at once.
  WARMUP_HOURS: '0',
  // Its data is emptied at every start: a Redis that can lose messages loses nothing worth a warning in the greeting.
  ALLOW_VOLATILE_REDIS: 'true',
};

/**
 * `npm start`: the bot on the configured channel — the official account (WECHATY_PUPPET=official-account)
 * or a WeChat puppet — or the local simulator when none is configured. `--official-account` runs the
 * simulator on the official account; `npm start -- --script file.txt` replays a simulator script and exits.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scriptFile = scriptArgument(args);
  const simulateOfficialAccount = args.includes('--official-account');
  let config = readConfig();
  await requireServices(config, { redis: true });
  if (!config.WECHATY_PUPPET || simulateOfficialAccount) {
    config = await freshSimulatorConfig(readConfig(simulatorDefaults));
    console.log(
      simulateOfficialAccount
        ? '正在启动服务号的本地模拟器（本机模拟的微信接口）……'
        : '正在启动本地模拟器……',
    );
    // Info logs would interleave with the chat; the simulator shows warnings and worse unless asked.
    const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
    await runSimulator({ config, log, officialAccount: simulateOfficialAccount, ...(scriptFile ? { scriptFile } : {}) });
    process.exit(0);
  }
  const log = createLogger(config.LOG_LEVEL);
  if (config.WECHATY_PUPPET === officialAccountPuppet) await runOfficialAccount(config, log);
  else await runWechaty(config, log);
}

/** The certified 服务号: no Wechaty, no login; WeChat calls the console's server. */
async function runOfficialAccount(config: Config, log: Logger): Promise<void> {
  const assistant = new Assistant(officialAccountPuppet, { config, log });
  await assistant.ready;
  log.info({ puppet: officialAccountPuppet }, `assistant running; listening for WeChat's callbacks at ${consoleBaseUrl(config)}/oa/callback`);
  stopOnSignal(() => assistant.stop());
}

async function runWechaty(config: Config, log: Logger): Promise<void> {
  const bot = buildWechaty(config);
  bot.on('login', (user) => log.info({ contactId: user.id }, 'logged in'));
  bot.on('error', (error) => log.error({ err: error }, 'wechaty error'));
  const plugin = EngagementAssistant({ config, log });
  bot.use(plugin);
  await bot.start();
  await plugin.assistant!.ready;
  log.info({ puppet: config.WECHATY_PUPPET }, 'assistant running');
  stopOnSignal(async () => {
    // The assistant first: it finishes the message in hand while the puppet can still send it.
    await plugin.assistant?.stop();
    await bot.stop();
  });
}

/** SIGINT or SIGTERM: `stop`, then exit. */
function stopOnSignal(stop: () => Promise<void>): void {
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

function scriptArgument(args: string[]): string | undefined {
  const index = args.indexOf('--script');
  return index >= 0 ? args[index + 1] : undefined;
}

main().catch((error: unknown) => {
  // A refused Redis (see check-services.ts) has a message that says it all; anything else, the whole error.
  console.error(error instanceof ServiceError ? error.message : error);
  process.exit(1);
});
