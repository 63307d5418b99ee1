import { randomUUID } from 'node:crypto';
import { WechatyBuilder } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { EngagementAssistant, type EngagementAssistantPlugin } from '../../src/plugin.ts';
import { MockWorld, type ContactMock } from '../../src/simulator/mock-world.ts';
import { createTestDatabase } from './test-database.ts';

export interface SentMessage {
  conversationId: string;
  text: string;
}

export interface Harness {
  world: MockWorld;
  bot: WechatyInterface;
  plugin: EngagementAssistantPlugin;
  db: Db;
  config: Config;
  /** Every message the bot has sent, in order. */
  sent: SentMessage[];
  /** Resolves with the first sent message (already sent or arriving) that matches. */
  waitForSent(match: (message: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  /** What the bot has sent to one conversation (a contact or a room), in order. */
  received(conversationId: string): SentMessage[];
  /** Sends `text` to the bot in a direct chat and resolves with the bot's next reply to that contact. */
  ask(contact: ContactMock, text: string): Promise<string>;
  /** Waits until intake has processed everything queued so far and the outbox has sent it. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real assistant on the real Wechaty stack with wechaty-puppet-mock, against its own copy of
 * the test database (unless `env.DATABASE_URL` names one, e.g. to restart on the same data) and Redis.
 * `beforeStart` sets up the mock WeChat world before the assistant starts working through its queues;
 * `now` is the assistant's clock (default: the real one).
 */
export async function startHarness(
  env: Record<string, string> = {},
  options: { beforeStart?: (world: MockWorld) => void; now?: () => Date } = {},
): Promise<Harness> {
  const world = new MockWorld();
  options.beforeStart?.(world);
  // Listen before starting: a restarted assistant may send queued messages straight away.
  const sent: SentMessage[] = [];
  const waiters = new Set<() => void>();
  world.onBotMessage((message) => {
    sent.push(message);
    for (const wake of waiters) wake();
  });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: env.DATABASE_URL ?? (await createTestDatabase()),
    QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    GROUP_REPLY_WINDOW_SECONDS: '1',
    SEND_INTERVAL_SECONDS: '0',
    SEND_JITTER_SECONDS: '0',
    REPLY_INTERVAL_SECONDS: '0',
    REPLY_JITTER_SECONDS: '0',
    GROUP_POST_PAUSE_SECONDS: '0',
    // A mock account logs in fresh for every test: no warm-up unless a test asks for one.
    WARMUP_HOURS: '0',
    QUIET_HOURS: 'off',
    // No console unless a test asks for one (on a spare port): parallel tests would fight over one port.
    WEB_PORT: '0',
    ...env,
  });
  const bot = WechatyBuilder.build({ name: `test-${randomUUID()}`, puppet: world.puppet });
  // No schedules: a catch-up run at start-up would depend on the time of day; tests run jobs themselves.
  const plugin = EngagementAssistant({
    config,
    migrate: false,
    schedules: false,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...(options.now ? { now: options.now } : {}),
  });
  bot.use(plugin);
  await bot.start();
  world.login();
  const assistant = plugin.assistant!;
  await assistant.ready;

  const harness: Harness = {
    world,
    bot,
    plugin,
    db: assistant.db,
    config,
    sent,
    waitForSent(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = sent.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching message within ${timeoutMs} ms; sent so far:\n${sent.map((m) => m.text).join('\n---\n')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    received(conversationId) {
      return sent.filter((message) => message.conversationId === conversationId);
    },
    async ask(contact, text) {
      const before = sent.length;
      contact.say(text).to(world.self);
      const reply = await harness.waitForSent((m) => m.conversationId === contact.id && sent.indexOf(m) >= before);
      return reply.text;
    },
    async settle() {
      await assistant.idle();
    },
    async stop() {
      // The assistant first, so that no send is cut off by the puppet going away.
      await assistant.stop();
      await bot.stop();
    },
  };
  return harness;
}
