import { randomUUID } from 'node:crypto';
import { WechatyBuilder } from 'wechaty';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { createTestDatabase } from './support/test-database.ts';

describe('the package entry point', () => {
  it('exports EngagementAssistant as a Wechaty plugin that starts with the bot and stops with it', async () => {
    // Imported by the package's own name, as an existing bot would.
    const { EngagementAssistant } = await import('mobile-member-assistant');
    const world = new MockWorld();
    const bot = WechatyBuilder.build({ name: 'plugin-test', puppet: world.puppet });
    const config = loadConfig({ ...process.env, DATABASE_URL: await createTestDatabase(), QUEUE_PREFIX: `plugin-test-${randomUUID().slice(0, 8)}` });
    const plugin = EngagementAssistant({ config, schedules: false, log: createLogger('silent') });

    bot.use(plugin);
    expect(plugin.assistant).toBeUndefined();
    await bot.start();
    world.login();
    const assistant = plugin.assistant!;
    await assistant.ready;
    const stranger = world.createContact('路人');
    const replies: string[] = [];
    world.onBotMessage((message) => replies.push(message.text));
    stranger.say('帮助').to(world.self);
    await assistant.idle();
    expect(replies.join('\n')).toContain('常用指令');

    await bot.stop();
    expect(plugin.assistant).toBeUndefined();
    await assistant.stop(); // the same stop the bot started: resolves once everything is closed
  });

  it('loads in plain Node from the JavaScript build, without a TypeScript loader', async () => {
    const { execFile } = await import('node:child_process');
    const script = "const m = await import('mobile-member-assistant'); console.log(typeof m.EngagementAssistant, typeof m.loadConfig);";
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    expect(output.trim()).toBe('function function');
  });
});
