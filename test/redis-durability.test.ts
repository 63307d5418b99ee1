import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../src/assistant/assistant.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { startSpareRedis, type SpareServer } from './support/spare-servers.ts';
import { createTestDatabase } from './support/test-database.ts';

// Messages wait in Redis until PostgreSQL has them: a Redis that forgets on restart (no appendonly)
// or evicts keys under memory pressure loses them without a word.
describe('a Redis that could lose waiting messages', () => {
  let volatile: SpareServer;
  let evicting: SpareServer;
  let durable: SpareServer;

  beforeAll(async () => {
    [volatile, evicting, durable] = await Promise.all([
      startSpareRedis({ appendonly: false }),
      startSpareRedis({ appendonly: true, maxmemoryPolicy: 'allkeys-lru' }),
      startSpareRedis({ appendonly: true }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([volatile, evicting, durable].map((server) => server?.remove()));
  });

  /** Starts the assistant against `redisUrl`; resolves with how start-up ended and what it logged. */
  async function startAssistant(redisUrl: string, env: Record<string, string>): Promise<{ error: Error | undefined; logs: string }> {
    let logs = '';
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logs += String(chunk);
        done();
      },
    });
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: await createTestDatabase(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
      WECHATY_PUPPET: '',
      ALLOW_VOLATILE_REDIS: '',
      WEB_PORT: '0',
      ...env,
    });
    const assistant = new Assistant(new MockWorld().puppet, { config, migrate: false, schedules: false, log: createLogger('warn', destination) });
    const error = await assistant.ready.then(
      () => undefined,
      (failure: unknown) => failure as Error,
    );
    await assistant.stop();
    return { error, logs };
  }

  it('refuses to start with a puppet configured when appendonly is off, saying how to fix it', async () => {
    const { error } = await startAssistant(volatile.url, { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    expect(error?.message).toContain(`Redis at ${volatile.url}`);
    expect(error?.message).toContain('appendonly is no');
    expect(error?.message).toContain('appendonly yes');
    expect(error?.message).toContain('ALLOW_VOLATILE_REDIS=true');
  });

  it('refuses an eviction policy other than noeviction even with appendonly on', async () => {
    const { error } = await startAssistant(evicting.url, { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    expect(error?.message).toContain('maxmemory-policy is allkeys-lru');
    expect(error?.message).toContain('maxmemory-policy noeviction');
    expect(error?.message).not.toContain('appendonly is');
  });

  it('starts with a puppet configured when ALLOW_VOLATILE_REDIS=true, with a warning', async () => {
    const { error, logs } = await startAssistant(volatile.url, { WECHATY_PUPPET: 'wechaty-puppet-mock', ALLOW_VOLATILE_REDIS: 'true' });
    expect(error).toBeUndefined();
    expect(logs).toContain('appendonly is no');
  });

  it('starts with a puppet configured when appendonly is on and nothing is evicted, without a warning', async () => {
    const { error, logs } = await startAssistant(durable.url, { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    expect(error).toBeUndefined();
    expect(logs).not.toContain('appendonly');
  });

  it('only warns without a puppet (the simulator and tests)', async () => {
    const { error, logs } = await startAssistant(volatile.url, {});
    expect(error).toBeUndefined();
    expect(logs).toContain('appendonly is no');
  });
});
