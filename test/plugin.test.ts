import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  it('installs from its npm pack tarball and loads in plain Node, without a TypeScript loader', async () => {
    // One pack per run, of the build `npm test` makes first (pretest). The scratch project gets the tarball as
    // its dependency, unpacked as npm installs it, and this project's node_modules for the rest (no registry).
    const scratch = await mkdtemp(path.join(tmpdir(), 'mma-pack-'));
    try {
      const [packed] = JSON.parse(await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], process.cwd())) as [
        { filename: string; files: { path: string }[] },
      ];
      const shipped = packed.files.map((file) => file.path);
      expect(shipped).toContain('dist/src/index.js');
      expect(shipped).toContain('dist/src/index.d.ts');
      expect(shipped.some((file) => file.startsWith('prisma/migrations/'))).toBe(true); // the assistant migrates its database
      expect(shipped.some((file) => file.startsWith('src/console/public/'))).toBe(true);
      expect(shipped.filter((file) => file.startsWith('test/') || file.endsWith('.memory-card.json'))).toEqual([]);

      const installed = path.join(scratch, 'node_modules', 'mobile-member-assistant');
      await mkdir(installed, { recursive: true });
      await run('tar', ['-xzf', path.join(scratch, packed.filename), '-C', installed, '--strip-components=1'], scratch);
      for (const dependency of await readdir('node_modules')) {
        if (dependency !== 'mobile-member-assistant' && !dependency.startsWith('.')) {
          await symlink(path.resolve('node_modules', dependency), path.join(scratch, 'node_modules', dependency));
        }
      }
      const script = "const m = await import('mobile-member-assistant'); console.log(typeof m.EngagementAssistant, typeof m.loadConfig);";
      expect((await run(process.execPath, ['--input-type=module', '-e', script], scratch)).trim()).toBe('function function');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(`${command}: ${stderr}`)) : resolve(stdout))),
  );
}
