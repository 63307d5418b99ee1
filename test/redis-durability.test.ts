import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../src/assistant/assistant.ts';
import { checkPostgres, checkRedis } from '../src/check-services.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { startSpareRedis, type SpareServer } from './support/spare-servers.ts';
import { createTestDatabase, templateDatabaseUrl } from './support/test-database.ts';

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
    expect(error?.message).toContain(`Redis（${volatile.url}）`);
    expect(error?.message).toContain('appendonly 为 no');
    expect(error?.message).toContain('appendonly yes');
    expect(error?.message).toContain('ALLOW_VOLATILE_REDIS=true');
  });

  it('refuses an eviction policy other than noeviction even with appendonly on', async () => {
    const { error } = await startAssistant(evicting.url, { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    expect(error?.message).toContain('maxmemory-policy 为 allkeys-lru');
    expect(error?.message).toContain('maxmemory-policy noeviction');
    expect(error?.message).not.toContain('appendonly 为');
  });

  it('starts with a puppet configured when ALLOW_VOLATILE_REDIS=true, with a warning', async () => {
    const { error, logs } = await startAssistant(volatile.url, { WECHATY_PUPPET: 'wechaty-puppet-mock', ALLOW_VOLATILE_REDIS: 'true' });
    expect(error).toBeUndefined();
    expect(logs).toContain('appendonly 为 no');
  });

  it('starts with a puppet configured when appendonly is on and nothing is evicted, without a warning', async () => {
    const { error, logs } = await startAssistant(durable.url, { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    expect(error).toBeUndefined();
    expect(logs).not.toContain('appendonly');
  });

  it('only warns without a puppet (the simulator and tests)', async () => {
    const { error, logs } = await startAssistant(volatile.url, {});
    expect(error).toBeUndefined();
    expect(logs).toContain('appendonly 为 no');
  });

  it('says nothing without a puppet once ALLOW_VOLATILE_REDIS=true accepted the loss (the simulator, whose data is thrown away)', async () => {
    const { error, logs } = await startAssistant(volatile.url, { ALLOW_VOLATILE_REDIS: 'true' });
    expect(error).toBeUndefined();
    expect(logs).not.toContain('appendonly');
  });
});

/** A TCP proxy to 127.0.0.1:`port` that cuts the first connection at once, as another test's CLIENT KILL or a blip would. */
async function proxyCuttingFirstConnection(port: number): Promise<{ port: number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    connections += 1;
    if (connections === 1) return void client.destroy();
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the start-up check of PostgreSQL and Redis', () => {
  it('tries again when its connection is cut once, instead of refusing to start', async () => {
    const redis = await proxyCuttingFirstConnection(6379);
    const postgres = await proxyCuttingFirstConnection(Number(new URL(templateDatabaseUrl()).port || 5432));
    try {
      await expect(checkRedis(`redis://127.0.0.1:${redis.port}`)).resolves.toHaveProperty('maxmemoryPolicy');
      const url = new URL(templateDatabaseUrl());
      url.port = String(postgres.port);
      await expect(checkPostgres(url.toString())).resolves.toBeUndefined();
    } finally {
      await Promise.all([redis.close(), postgres.close()]);
    }
  });
});
