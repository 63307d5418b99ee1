import { randomBytes, randomUUID } from 'node:crypto';
import { Assistant } from '../../src/assistant/assistant.ts';
import { loadConfig, officialAccountPuppet, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeWeChatApi, type FakeSentMessage, type FakeWeChatApi } from '../../src/simulator/fake-wechat-api.ts';
import { bindDirectly } from './seed.ts';
import { sparePort } from './spare-servers.ts';
import { createTestDatabase } from './test-database.ts';
import { newEncodingAesKey, WechatCallbackDriver } from './wechat-callback-driver.ts';
import { waitFor } from './wait-for.ts';

export const appId = 'wx0123456789abcdef';
const appSecret = '0123456789abcdef0123456789abcdef';
const token = 'callbackToken42';

export interface OfficialAccountHarness {
  assistant: Assistant;
  db: Db;
  config: Config;
  /** WeChat's API, faked: who follows, the windows, and every message it accepted. */
  wechat: FakeWeChatApi;
  /** WeChat's callbacks to our /oa/callback, in 安全模式. */
  callbacks: WechatCallbackDriver;
  /** The member follows the account (WeChat opens a 1-minute window and calls us back). */
  follow(openId: string): Promise<void>;
  /** The member sends a text, as WeChat would: the window opens, the callback comes. */
  say(openId: string, text: string): Promise<void>;
  /** Sends a text and resolves with the next message WeChat accepted for this member. */
  ask(openId: string, text: string): Promise<string>;
  /** What WeChat accepted for one member, in order. */
  received(openId: string): FakeSentMessage[];
  waitForSent(match: (message: FakeSentMessage) => boolean, timeoutMs?: number): Promise<FakeSentMessage>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** A roster member who follows the account and is bound to it (for tests that are not about binding). */
export async function followAndBind(h: OfficialAccountHarness, openId: string, memberId: number): Promise<void> {
  h.wechat.follow(openId);
  await bindDirectly(h.db, openId, memberId);
  await h.db.wechatContact.update({ where: { id: openId }, data: { account: h.config.BOT_NAME } });
}

/** A second process serving the same official account: its own WEB_PORT, the same database, Redis prefix and BOT_NAME. */
export interface OfficialAccountProcess {
  assistant: Assistant;
  /** WeChat's callbacks to this process's /oa/callback. */
  callbacks: WechatCallbackDriver;
}

export async function startAnotherProcess(h: OfficialAccountHarness, options: { now?: () => Date } = {}): Promise<OfficialAccountProcess> {
  return startProcess({ ...h.config, WEB_PORT: await sparePort() }, options.now ?? (() => new Date()));
}

async function startProcess(config: Config, now: () => Date): Promise<OfficialAccountProcess> {
  const assistant = new Assistant(officialAccountPuppet, { config, migrate: false, schedules: false, now, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  await assistant.ready;
  const callbacks = new WechatCallbackDriver({
    target: `http://127.0.0.1:${config.WEB_PORT}`,
    token: config.OA_TOKEN!,
    appId: config.OA_APP_ID!,
    encodingAesKey: config.OA_ENCODING_AES_KEY!,
    now,
  });
  return { assistant, callbacks };
}

export function textOf(message: FakeSentMessage): string {
  return message.type === 'custom' ? message.text : Object.values(message.data).join(' / ');
}

/** The real assistant on the official-account channel, against a fake of WeChat's API and its own test database and Redis prefix. */
export async function startOfficialAccount(env: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<OfficialAccountHarness> {
  const now = options.now ?? (() => new Date());
  const wechat = await startFakeWeChatApi({ appId, appSecret, now: () => now().getTime() });
  const encodingAesKey = newEncodingAesKey();
  const port = await sparePort();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: await createTestDatabase(),
    QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    BOT_NAME: `oa-${randomBytes(4).toString('hex')}`,
    ...wechat.accountSettings({ token, encodingAesKey }),
    WEB_PORT: String(port),
    QUIET_HOURS: 'off',
    // The shared test Redis keeps nothing on disk; the durability check has tests of its own.
    ALLOW_VOLATILE_REDIS: 'true',
    ...env,
  });
  const { assistant, callbacks } = await startProcess(config, now);

  const expectSuccess = (answer: { status: number; body: string }) => {
    if (answer.status !== 200 || answer.body !== 'success') throw new Error(`callback answered ${answer.status} ${answer.body}`);
  };
  const harness: OfficialAccountHarness = {
    assistant,
    db: assistant.db,
    config,
    wechat,
    callbacks,
    async follow(openId) {
      wechat.follow(openId);
      wechat.userEvent(openId);
      expectSuccess(await callbacks.event(openId, 'subscribe'));
    },
    async say(openId, text) {
      wechat.userMessage(openId);
      expectSuccess(await callbacks.text(openId, text));
    },
    async ask(openId, text) {
      const before = wechat.sent.length;
      await harness.say(openId, text);
      return textOf(await harness.waitForSent((message) => message.openId === openId && wechat.sent.indexOf(message) >= before));
    },
    received: (openId) => wechat.sent.filter((message) => message.openId === openId),
    async waitForSent(match, timeoutMs = 10_000) {
      await waitFor(() => wechat.sent.some(match), timeoutMs).catch(() => {
        throw new Error(`WeChat accepted no matching message; so far:\n${wechat.sent.map(textOf).join('\n---\n')}`);
      });
      return wechat.sent.find(match)!;
    },
    settle: () => assistant.idle(),
    async stop() {
      await assistant.stop();
      await wechat.close();
    },
  };
  return harness;
}
