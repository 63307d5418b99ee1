import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sparePort } from './support/spare-servers.ts';

/** Runs a command-line entry point; resolves with its exit code, output and how long it took. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const options = { env: { ...process.env, WECHATY_PUPPET: '', ...env }, timeout: 20_000 };
    // One process (no npx in between), so the timeout stops the entry point itself.
    const child = execFile(process.execPath, ['--import', 'tsx', ...args], options, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

describe('command lines with PostgreSQL or Redis down', () => {
  it('the simulator exits within 10 s with one line naming the Redis URL and how to start Redis', async () => {
    const redisUrl = `redis://127.0.0.1:${await sparePort()}`;
    const result = await run(['src/main.ts', '--script', 'examples/demo-script.txt'], { REDIS_URL: redisUrl });
    expect(result.code).toBe(1);
    expect(result.seconds).toBeLessThan(10);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`连不上 Redis（${redisUrl}`)]);
    expect(result.stderr).toContain('redis-server');
    expect(result.stdout).not.toContain('ioredis');
  }, 30_000);

  it('the simulator exits within 10 s with one line naming the PostgreSQL URL and how to start PostgreSQL', async () => {
    const databaseUrl = `postgresql://postgres@127.0.0.1:${await sparePort()}/engagement`;
    const result = await run(['src/main.ts', '--script', 'examples/demo-script.txt'], { DATABASE_URL: databaseUrl });
    expect(result.code).toBe(1);
    expect(result.seconds).toBeLessThan(10);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`连不上 PostgreSQL（${databaseUrl}`)]);
    expect(result.stderr).toContain('service postgresql start');
  }, 30_000);

  it('npm run import exits with one line naming the PostgreSQL URL, keeping its password out', async () => {
    const port = await sparePort();
    const result = await run(['scripts/import-roster.ts', 'test/fixtures/roster.csv'], {
      DATABASE_URL: `postgresql://postgres:secret@127.0.0.1:${port}/engagement`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`连不上 PostgreSQL（postgresql://postgres:***@127.0.0.1:${port}/engagement`),
    ]);
    expect(result.stderr).not.toContain('secret');
  }, 30_000);

  it('every command line that uses PostgreSQL or Redis checks them first (the rest of this file shows what that gives)', () => {
    const scripts = readdirSync('scripts').filter((file) => file.endsWith('.ts'));
    const usingServices = scripts.filter((file) => /\b(createDb|applyMigrations|createRedis)\(/.test(readFileSync(`scripts/${file}`, 'utf8')));
    expect(usingServices).toContain('import-roster.ts');
    expect(usingServices.filter((file) => !readFileSync(`scripts/${file}`, 'utf8').includes('requireServices('))).toEqual([]);
  });
});
