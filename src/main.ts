import { ServiceError } from './check-services.ts';
import type { Config } from './config.ts';
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
};

/**
 * `npm start`: the bot on the configured WeChat puppet, or the local simulator when none is
 * configured. `npm start -- --script file.txt` replays a simulator script and exits.
 */
async function main(): Promise<void> {
  const scriptFile = scriptArgument(process.argv.slice(2));
  let config = readConfig();
  await requireServices(config, { redis: true });
  if (!config.WECHATY_PUPPET) {
    config = await freshSimulatorConfig(readConfig(simulatorDefaults));
    console.log('No WECHATY_PUPPET configured: starting the local simulator (wechaty-puppet-mock).');
    // Info logs would interleave with the chat; the simulator shows warnings and worse unless asked.
    const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
    await runSimulator({ config, log, ...(scriptFile ? { scriptFile } : {}) });
    process.exit(0);
  }
  await runWechaty(config, createLogger(config.LOG_LEVEL));
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
  const shutdown = async () => {
    // The assistant first: it finishes the message in hand while the puppet can still send it.
    await plugin.assistant?.stop();
    await bot.stop();
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
