import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { defaultMenu } from '../src/official-account/default-menu.ts';
import type { Menu } from '../src/official-account/menu.ts';
import { OfficialAccountApi, WeChatApiError } from '../src/official-account/official-account-api.ts';
import { createRedis } from '../src/queues/redis.ts';
import { startFakeWeChatApi, type FakeWeChatApi } from '../src/simulator/fake-wechat-api.ts';

const appId = 'wx0123456789abcdef';
const appSecret = '0123456789abcdef0123456789abcdef';
const minute = 60_000;
const hour = 60 * minute;
const redisUrl = loadConfig().REDIS_URL;

let clock: number;
const now = () => clock;
let fake: FakeWeChatApi;
let keyPrefix: string;
let logs: string[];
const connections: Redis[] = [];

beforeEach(async () => {
  clock = Date.UTC(2026, 2, 2, 2, 0);
  fake = await startFakeWeChatApi({ appId, appSecret, now });
  keyPrefix = `test-${randomUUID().slice(0, 8)}`;
  logs = [];
});

afterEach(async () => {
  await fake.close();
  await connections[0]?.del(`${keyPrefix}:oa:${appId}:token`, `${keyPrefix}:oa:${appId}:token-lock`);
  await Promise.all(connections.splice(0).map((redis) => redis.quit()));
});

/**
 * One process's client: its own Redis connection, on the Redis and key prefix every process shares.
 * A client with another secret gets a deployment (prefix) of its own: it would use the shared token.
 */
function process(options: { secret?: string; baseUrl?: string } = {}): OfficialAccountApi {
  const redis = createRedis(redisUrl);
  connections.push(redis);
  const sink = new Writable({ write: (chunk, _encoding, done) => (logs.push(String(chunk)), done()) });
  return new OfficialAccountApi({
    appId,
    appSecret: options.secret ?? appSecret,
    baseUrl: options.baseUrl ?? fake.url,
    redis,
    keyPrefix: options.secret ? `${keyPrefix}-other` : keyPrefix,
    log: createLogger('debug', sink),
    now,
  });
}

const tokenCalls = () => fake.calls['/cgi-bin/stable_token'] ?? 0;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function wechatErrcode(promise: Promise<unknown>): Promise<number> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WeChatApiError);
  expect(error.message).toContain(String((error as WeChatApiError).errcode));
  return (error as WeChatApiError).errcode;
}

/** stable_token called from outside our clients, e.g. another deployment with the same AppID. */
async function stableTokenFromElsewhere(forceRefresh: boolean): Promise<Record<string, unknown>> {
  const response = await fetch(`${fake.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh }),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('the access token', () => {
  it('is fetched once for two processes on one Redis, and both use it', async () => {
    const first = process();
    const second = process();
    const tokens = await Promise.all([first.accessToken(), second.accessToken(), first.accessToken(), second.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokenCalls()).toBe(1);

    fake.follow('o-member');
    fake.userMessage('o-member');
    await Promise.all([first.sendText('o-member', '签到成功'), second.sendText('o-member', '本月已签到 3 天')]);
    expect(fake.sent.map((message) => message.type === 'custom' && message.text)).toEqual(expect.arrayContaining(['签到成功', '本月已签到 3 天']));
    expect(tokenCalls()).toBe(1);
  });

  it('is renewed when less than 5 minutes remain, once for every process', async () => {
    const first = process();
    const second = process();
    const original = await first.accessToken();
    clock += 2 * hour - 6 * minute;
    expect(await second.accessToken()).toBe(original);
    expect(tokenCalls()).toBe(1);

    clock += 2 * minute;
    const renewed = await first.accessToken();
    expect(renewed).not.toBe(original);
    expect(await second.accessToken()).toBe(renewed);
    expect(tokenCalls()).toBe(2);
    expect(logs.join('')).toContain('"forced":false');
  });

  it('expired (42001): renewed once and the call retried; the other process uses the new token', async () => {
    const first = process();
    const second = process();
    fake.follow('o-member');
    fake.userMessage('o-member');
    await first.sendText('o-member', '第一条');
    fake.expireToken();

    await first.sendText('o-member', '第二条');
    expect(fake.sent).toHaveLength(2);
    expect(fake.calls['/cgi-bin/message/custom/send']).toBe(3);
    expect(tokenCalls()).toBe(2);
    await second.sendText('o-member', '第三条');
    expect(tokenCalls()).toBe(2);
  });

  it('invalidated by a force refresh elsewhere (40001): the normal call brings the new token, no force needed', async () => {
    const api = process();
    await api.accessToken();
    await stableTokenFromElsewhere(true);
    fake.follow('o-member');
    await expect(api.userInfo('o-member')).resolves.toEqual({ subscribed: true, openId: 'o-member' });
    expect(tokenCalls()).toBe(3);
    expect(logs.join('')).not.toContain('"forced":true');
  });

  it('rejected while stable_token still returns it: renewed in force mode, once', async () => {
    const api = process();
    const original = await api.accessToken();
    fake.follow('o-member');
    fake.failNext('/cgi-bin/user/info', 40001);

    await expect(api.userInfo('o-member')).resolves.toMatchObject({ subscribed: true });
    expect(await api.accessToken()).not.toBe(original);
    expect(tokenCalls()).toBe(3); // the first, the normal one that gave the same token back, the forced one
    expect(logs.join('')).toContain('"forced":true');
  });

  it('is renewed once per call: a second rejection (40014) surfaces', async () => {
    const api = process();
    fake.follow('o-member');
    fake.failNext('/cgi-bin/user/info', 40014);
    fake.failNext('/cgi-bin/user/info', 40014);
    expect(await wechatErrcode(api.userInfo('o-member'))).toBe(40014);
    expect(fake.calls['/cgi-bin/user/info']).toBe(2);
  });

  it('never appears in logs or error messages, nor does the secret', async () => {
    const api = process();
    const seen = [await api.accessToken()];
    fake.follow('o-member');
    fake.expireToken();
    await api.userInfo('o-member');
    seen.push(await api.accessToken());
    fake.failNext('/cgi-bin/user/info', 40001);
    await api.userInfo('o-member');
    seen.push(await api.accessToken());
    fake.failNext('/cgi-bin/user/info', 42001);
    fake.failNext('/cgi-bin/user/info', 42001);
    const errors = [
      await rejection(api.userInfo('o-member')),
      await rejection(api.sendText('o-member', '窗口外')),
      await rejection(process({ secret: 'f'.repeat(32) }).accessToken()),
      await rejection(process({ baseUrl: 'http://127.0.0.1:9' }).sendText('o-member', '连不上')),
    ];
    expect(new Set(seen).size).toBe(3);
    expect(errors.map((error) => (error as WeChatApiError).errcode)).toEqual([42001, 45015, 40125, undefined]);
    const written = [...logs, ...errors.map((error) => `${error.message} ${String(error.cause)} ${error.stack}`)].join('\n');
    expect(logs.length).toBeGreaterThan(3);
    for (const secret of [...seen, appSecret, 'f'.repeat(32)]) expect(written).not.toContain(secret);
  });
});

describe('errors', () => {
  it('an errcode is a WeChatApiError; a network failure throws as it is', async () => {
    const api = process();
    fake.follow('o-member');
    for (const errcode of [45009, 45011, 40037]) {
      fake.failNext('/cgi-bin/message/template/send', errcode);
      expect(await wechatErrcode(api.sendTemplate('o-member', { templateId: 'TPL', data: {} }))).toBe(errcode);
    }
    expect(await wechatErrcode(process({ secret: 'f'.repeat(32) }).accessToken())).toBe(40125);
    const offline = await rejection(process({ baseUrl: 'http://127.0.0.1:9' }).sendText('o-member', '连不上'));
    expect(offline).not.toBeInstanceOf(WeChatApiError);
    expect(offline.name).toBe('TypeError'); // fetch failed: the outbox retries it
  });
});

describe('the fake keeps WeChat’s sending rules', () => {
  it('客服消息: 5 within 48 hours of a member’s message, counted again from each message; 45015 outside, 45047 when spent', async () => {
    const api = process();
    fake.follow('o-member');
    expect(await wechatErrcode(api.sendText('o-member', '没有窗口'))).toBe(45015);

    fake.userMessage('o-member');
    for (let n = 1; n <= 5; n++) await api.sendText('o-member', `第${n}条`);
    expect(await wechatErrcode(api.sendText('o-member', '第6条'))).toBe(45047);

    clock += 47 * hour;
    fake.userMessage('o-member');
    await api.sendText('o-member', '新消息后又可以发');
    clock += 48 * hour + 1;
    expect(await wechatErrcode(api.sendText('o-member', '48 小时后'))).toBe(45015);
    expect(fake.sent.filter((message) => message.type === 'custom')).toHaveLength(6);
  });

  it('客服消息 after a click, follow or scan: 3 within 1 minute', async () => {
    const api = process();
    fake.follow('o-member');
    fake.userEvent('o-member');
    for (let n = 1; n <= 3; n++) await api.sendText('o-member', `第${n}条`);
    expect(await wechatErrcode(api.sendText('o-member', '第4条'))).toBe(45047);
    fake.userEvent('o-member');
    clock += minute + 1;
    expect(await wechatErrcode(api.sendText('o-member', '一分钟后'))).toBe(45015);
  });

  it('not following: 43004; messages refused: 48002; unknown template: 40037; custom and template alike', async () => {
    const api = process();
    fake.addTemplate('TPL-activity');
    const template = { templateId: 'TPL-activity', data: { thing1: '十二月主题党日' } };
    fake.follow('o-left');
    fake.userMessage('o-left');
    fake.unfollow('o-left');
    expect(await wechatErrcode(api.sendText('o-left', '你好'))).toBe(43004);
    expect(await wechatErrcode(api.sendTemplate('o-left', template))).toBe(43004);

    fake.follow('o-refuses');
    fake.userMessage('o-refuses');
    fake.refuseMessages('o-refuses');
    expect(await wechatErrcode(api.sendText('o-refuses', '你好'))).toBe(48002);
    expect(await wechatErrcode(api.sendTemplate('o-refuses', template))).toBe(48002);

    fake.follow('o-member');
    expect(await wechatErrcode(api.sendTemplate('o-member', { ...template, templateId: 'TPL-unknown' }))).toBe(40037);
    expect(fake.sent).toEqual([]);
  });

  it('template messages need no window; the fake records them as sent', async () => {
    const api = process();
    fake.addTemplate('TPL-activity');
    fake.follow('o-member');
    const data = { thing1: '十二月主题党日', time2: '12月1日 14:30' };
    const { msgId } = await api.sendTemplate('o-member', { templateId: 'TPL-activity', url: 'https://example.org/a/12', data });
    expect(msgId).toBeGreaterThan(0);
    expect(fake.sent).toEqual([{ type: 'template', openId: 'o-member', templateId: 'TPL-activity', data, url: 'https://example.org/a/12', at: clock }]);
  });

  it('force refresh: invalidates the previous token at once, 20 a day (45009)', async () => {
    const api = process();
    fake.follow('o-member');
    await api.accessToken();
    for (let n = 1; n <= 20; n++) expect(await stableTokenFromElsewhere(true)).toHaveProperty('access_token');
    expect(await stableTokenFromElsewhere(true)).toMatchObject({ errcode: 45009 });
    // Our client's token was invalidated: the normal call hands out the current one.
    await api.userInfo('o-member');
    expect(fake.calls['/cgi-bin/user/info']).toBe(2);
    clock += 24 * hour;
    expect(await stableTokenFromElsewhere(true)).toHaveProperty('access_token');
  });

  it('the legacy /cgi-bin/token: a new token per call, the replaced one working 5 more minutes; unknown 40001, expired 42001', async () => {
    const legacy = async () => {
      const response = await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`);
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const info = async (token: string) => {
      const response = await fetch(`${fake.url}/cgi-bin/user/info?access_token=${token}&openid=o-member&lang=zh_CN`);
      return (await response.json()) as Record<string, unknown>;
    };
    fake.follow('o-member', { unionId: 'u-member' });
    const first = await legacy();
    const second = await legacy();
    expect(await info(first)).toMatchObject({ subscribe: 1 });
    clock += 5 * minute;
    expect(await info(first)).toMatchObject({ errcode: 42001 });
    expect(await info(second)).toMatchObject({ subscribe: 1, openid: 'o-member', unionid: 'u-member' });
    expect(await info('not-a-token')).toMatchObject({ errcode: 40001 });
    expect(Object.keys(await info(second))).not.toContain('nickname');
  });
});

describe('QR codes, user info, the menu', () => {
  it('a QR code carries its scene and expiry; expire_seconds and the scene are checked', async () => {
    const api = process();
    const code = await api.createQrCode({ scene: 'bind:42', expireSeconds: 600 });
    expect(fake.qrScene(code.ticket)).toBe('bind:42');
    expect(fake.qrScene(code.url)).toBe('bind:42');
    expect(code.expiresAt.getTime()).toBe(clock + 600_000);
    await api.createQrCode({ scene: 'x'.repeat(64), expireSeconds: 2_592_000 });
    expect(await wechatErrcode(api.createQrCode({ scene: 'bind:42', expireSeconds: 2_592_001 }))).toBe(40097);
    expect(await wechatErrcode(api.createQrCode({ scene: 'x'.repeat(65), expireSeconds: 600 }))).toBe(40097);
    expect(await wechatErrcode(api.createQrCode({ scene: '', expireSeconds: 600 }))).toBe(40097);
    expect(fake.qrCodes).toHaveLength(2);
  });

  it('user info: following or not, with the UnionID when there is one', async () => {
    const api = process();
    fake.follow('o-member', { unionId: 'u-member' });
    fake.follow('o-plain');
    expect(await api.userInfo('o-member')).toEqual({ subscribed: true, openId: 'o-member', unionId: 'u-member' });
    expect(await api.userInfo('o-plain')).toEqual({ subscribed: true, openId: 'o-plain' });
    fake.unfollow('o-member');
    expect(await api.userInfo('o-member')).toEqual({ subscribed: false, openId: 'o-member', unionId: 'u-member' });
    expect(await wechatErrcode(api.userInfo('o-stranger'))).toBe(40003);
  });

  it('menu/create takes the default menu and refuses what WeChat refuses', async () => {
    const api = process();
    await api.createMenu(defaultMenu);
    expect(fake.menus).toEqual([defaultMenu]);
    const click = (name: string, key = name) => ({ type: 'click' as const, name, key });
    const invalid: [Menu, number][] = [
      [{ button: [] }, 40016],
      [{ button: [click('一'), click('二'), click('三'), click('四')] }, 40016],
      [{ button: [click('签到签到签到签到')] }, 40018], // 24 bytes
      [{ button: [click('签到', 'k'.repeat(129))] }, 40019],
      [{ button: [{ name: '学习', sub_button: [1, 2, 3, 4, 5, 6].map((n) => click(`第${n}`)) }] }, 40023],
      [{ button: [{ name: '学习', sub_button: [click('已学', '键'.repeat(43))] }] }, 40026], // 129 bytes
    ];
    for (const [menu, errcode] of invalid) expect(await wechatErrcode(api.createMenu(menu))).toBe(errcode);
    expect(fake.menus).toHaveLength(1);
  });
});

describe('npm run oa:menu', () => {
  function runMenuCli(env: Record<string, string>) {
    const child = spawn('npx', ['tsx', 'scripts/oa-menu.ts'], {
      env: { ...globalThis.process.env, OA_APP_ID: appId, OA_APP_SECRET: appSecret, OA_API_BASE_URL: fake.url, QUEUE_PREFIX: keyPrefix, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => child.on('close', (code) => resolve({ stdout, stderr, code })));
  }

  it('creates the default menu on the account', async () => {
    connections.push(createRedis(redisUrl)); // cleans the token the CLI stored
    const { stdout, code } = await runMenuCli({});
    expect(code).toBe(0);
    expect(stdout).toContain('已更新服务号菜单：签到 | 我的 | 学习（已学、报名、帮助）');
    expect(fake.menus).toEqual([defaultMenu]);
  });

  it('says in Chinese what is missing, and what WeChat refused, without the secret', async () => {
    const missing = await runMenuCli({ OA_APP_ID: '', OA_APP_SECRET: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^未设置 OA_APP_ID：/), expect.stringMatching(/^未设置 OA_APP_SECRET：/)]);

    const wrongSecret = 'e'.repeat(32);
    const refused = await runMenuCli({ OA_APP_SECRET: wrongSecret });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('OA_APP_SECRET 不对（微信返回 40125');
    expect(refused.stderr + refused.stdout).not.toContain(wrongSecret);
    expect(fake.menus).toEqual([]);
  });
});
