import { decrypt as wecomDecrypt, encrypt as wecomEncrypt, getSignature as wecomSignature } from '@wecom/crypto';
import { createCipheriv } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../src/intake/inbound-message.ts';
import { createLogger } from '../src/log.ts';
import { callbackRoute } from '../src/official-account/callback-route.ts';
import { callbackSignature } from '../src/official-account/callback-signature.ts';
import { encryptReply } from '../src/official-account/encrypted-reply.ts';
import { decryptMessage, encryptMessage } from '../src/official-account/message-crypto.ts';
import { parseCallbackXml } from '../src/official-account/parse-callback-xml.ts';
import { inboundTextLimit } from '../src/intake/cut-inbound-text.ts';
import { toInboundMessage } from '../src/official-account/to-inbound-message.ts';
import { newEncodingAesKey, WechatCallbackDriver, type Forgery } from './support/wechat-callback-driver.ts';

const token = 'callbackToken42';
const appId = 'wx1234567890abcdef';

// Tencent's published sample (WXBizMsgCrypt demo): token, key, AppID, query and the <Encrypt> WeChat sent.
const sample = {
  token: 'spamtest',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

const fields = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('official account crypto', () => {
  it('opens the published 安全模式 sample: msg_signature matches and the text message from oyORnu… comes out', () => {
    expect(callbackSignature([sample.token, sample.timestamp, sample.nonce, sample.encrypt])).toBe(sample.msgSignature);
    const opened = decryptMessage(sample)!;
    expect(opened.appId).toBe(sample.appId);
    expect(toInboundMessage(parseCallbackXml(opened.xml)!)).toEqual({
      id: '6054768590064713728',
      contactId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      text: 'abcdteT',
      sentAt: 1409735668_000,
    });
  });

  it('signs the handshake as the 接入指南 example does (Token AAAAA)', () => {
    expect(callbackSignature(['AAAAA', '1714036504', '1514711492'])).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });

  it('agrees with @wecom/crypto both ways, Chinese text and several block sizes included', () => {
    const encodingAesKey = newEncodingAesKey();
    for (const xml of ['<xml/>', '<xml><Content><![CDATA[签到]]></Content></xml>', `<xml>${'我'.repeat(100)}</xml>`, 'x'.repeat(64 - 20 - appId.length)] /* a whole block of padding */) {
      const ours = encryptMessage({ encodingAesKey, appId, xml });
      expect(wecomDecrypt(encodingAesKey, ours)).toMatchObject({ message: xml, id: appId });
      expect(decryptMessage({ encodingAesKey, encrypt: wecomEncrypt(encodingAesKey, xml, appId) })).toEqual({ xml, appId });
    }
    const reply = encryptReply({ token, encodingAesKey, appId, xml: '<xml/>', timestamp: '1700000000', nonce: '42' });
    const encrypt = /<Encrypt><!\[CDATA\[(.+?)\]\]>/.exec(reply.body)![1]!;
    expect(reply.msgSignature).toBe(wecomSignature(token, '1700000000', '42', encrypt));
    expect(reply.body).toContain(`<MsgSignature><![CDATA[${reply.msgSignature}]]></MsgSignature><TimeStamp>1700000000</TimeStamp><Nonce><![CDATA[42]]></Nonce>`);
    expect(wecomDecrypt(encodingAesKey, encrypt).message).toBe('<xml/>');
  });

  it('refuses what is not sealed with our key: another key, a flipped byte, not Base64, not whole blocks', () => {
    const encodingAesKey = newEncodingAesKey();
    const sealed = encryptMessage({ encodingAesKey, appId, xml: '<xml/>' });
    expect(decryptMessage({ encodingAesKey: newEncodingAesKey(), encrypt: sealed })).toBeNull();
    const flipped = Buffer.from(sealed, 'base64');
    flipped[flipped.length - 1]! ^= 0x55; // the padding's block
    expect(decryptMessage({ encodingAesKey, encrypt: flipped.toString('base64') })).toBeNull();
    expect(decryptMessage({ encodingAesKey, encrypt: `${sealed}!` })).toBeNull();
    expect(decryptMessage({ encodingAesKey, encrypt: Buffer.alloc(48).toString('base64') })).toBeNull();
    expect(decryptMessage({ encodingAesKey, encrypt: '' })).toBeNull();
  });

  it('refuses PKCS#7 padding whose last byte fits but whose other padding bytes differ', () => {
    const encodingAesKey = newEncodingAesKey();
    const key = Buffer.from(`${encodingAesKey}=`, 'base64');
    const seal = (padding: Buffer) => {
      const xml = Buffer.from('<xml/>');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(xml.length);
      const plain = Buffer.concat([Buffer.alloc(16), length, xml, Buffer.from(appId), padding]);
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    };
    const padLength = 64 - (20 + 6 + appId.length);
    expect(decryptMessage({ encodingAesKey, encrypt: seal(Buffer.alloc(padLength, padLength)) })).toEqual({ xml: '<xml/>', appId });
    const uneven = Buffer.alloc(padLength, padLength);
    uneven[0] = 0;
    expect(decryptMessage({ encodingAesKey, encrypt: seal(uneven) })).toBeNull();
  });
});

describe('callback XML', () => {
  it('reads WeChat\'s flat fields: CDATA (also split in two), bare numbers, predefined entities; nested parts skipped', () => {
    const parsed = parseCallbackXml(
      `<?xml version="1.0"?>\n<xml>\n <ToUserName><![CDATA[gh_1]]></ToUserName><Content><![CDATA[a]]]]><![CDATA[>b]]></Content>` +
        `<CreateTime>1700000000</CreateTime><Label>a &amp; b &lt;c&gt; &#31614;</Label><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo><Empty/></xml>`,
    );
    expect(parsed && Object.fromEntries(parsed)).toEqual({ ToUserName: 'gh_1', Content: 'a]]>b', CreateTime: '1700000000', Label: 'a & b <c> 签', Empty: '' });
  });

  it('never expands entities: DOCTYPE, ENTITY, unknown references, comments are refused', () => {
    expect(parseCallbackXml('<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>')).toBeNull();
    expect(parseCallbackXml('<xml><!ENTITY a "b"><Content>x</Content></xml>')).toBeNull();
    expect(parseCallbackXml('<xml><Content>&xxe;</Content></xml>')).toBeNull();
    expect(parseCallbackXml('<xml><Content>&constructor;</Content></xml>')).toBeNull();
    expect(parseCallbackXml('<xml><!-- hi --><Content>x</Content></xml>')).toBeNull();
  });

  it('refuses what is not one flat <xml>: repeated fields, unbalanced or unclosed tags, other roots, trailing text', () => {
    for (const body of [
      '<xml><FromUserName>a</FromUserName><FromUserName>b</FromUserName></xml>',
      '<xml><A>x</B></xml>',
      '<xml><A><![CDATA[x</A></xml>',
      '<xml><A>x</A>',
      '<root><A>x</A></root>',
      '<xml><A>x</A></xml>trailing',
      '<xml>loose<A>x</A></xml>',
      '',
      'not xml',
    ]) {
      expect(parseCallbackXml(body), body).toBeNull();
    }
  });

  it('is linear: 256 KB of the worst shapes (4 times the route\'s limit) parse in well under a second', () => {
    const n = 64_000;
    const shapes = [
      `<xml>${'<a>'.repeat(n)}`,
      `<xml><A>${'x<B/>'.repeat(n)}</A></xml>`,
      `<xml>${Array.from({ length: n / 4 }, (_, i) => `<F${i}>x</F${i}>`).join('')}</xml>`,
      `<xml><A>${'&amp;'.repeat(n)}</A></xml>`,
      `<xml><A><![CDATA[${']]'.repeat(n * 2)}`,
      `<xml>${'<'.repeat(n * 4)}`,
    ];
    for (const body of shapes) {
      const started = performance.now();
      parseCallbackXml(body);
      // About 50 ms here; the same work done quadratically would take minutes.
      expect(performance.now() - started, body.slice(0, 20)).toBeLessThan(500);
    }
  });
});

describe('callback fields → intake message', () => {
  const base = { ToUserName: 'gh_1', FromUserName: 'o-member', CreateTime: '1700000000' };

  it('maps text, other messages and the events members cause', () => {
    expect(toInboundMessage(fields({ ...base, MsgType: 'text', Content: '签到', MsgId: '123' }))).toEqual({ id: '123', contactId: 'o-member', text: '签到', sentAt: 1700000000_000 });
    for (const MsgType of ['image', 'voice', 'video', 'shortvideo', 'location', 'link']) {
      expect(toInboundMessage(fields({ ...base, MsgType, MsgId: '124' }))).toEqual({ id: '124', contactId: 'o-member', sentAt: 1700000000_000 });
    }
    const event = (Event: string, extra: Record<string, string> = {}) => toInboundMessage(fields({ ...base, MsgType: 'event', Event, ...extra }));
    expect(event('subscribe')).toEqual({ id: 'o-member-1700000000-subscribe', contactId: 'o-member', sentAt: 1700000000_000, event: { kind: 'follow' } });
    expect(event('subscribe', { EventKey: 'qrscene_branch-7', Ticket: 'T' })?.event).toEqual({ kind: 'follow', scene: 'branch-7' });
    expect(event('subscribe', { EventKey: '' })?.event).toEqual({ kind: 'follow' });
    expect(event('unsubscribe')).toEqual({ id: 'o-member-1700000000-unsubscribe', contactId: 'o-member', sentAt: 1700000000_000, event: { kind: 'unfollow' } });
    expect(event('SCAN', { EventKey: 'branch-7', Ticket: 'T' })).toEqual({ id: 'o-member-1700000000-scan', contactId: 'o-member', sentAt: 1700000000_000, event: { kind: 'scan', scene: 'branch-7' } });
    expect(event('CLICK', { EventKey: '我的' })).toEqual({ id: 'o-member-1700000000-click', contactId: 'o-member', text: '我的', sentAt: 1700000000_000, event: { kind: 'click' } });
  });

  it('cuts a long text at the front door, as a puppet\'s is, before any pattern reads it', () => {
    const message = toInboundMessage(fields({ ...base, MsgType: 'text', Content: `签到${'。'.repeat(30_000)}`, MsgId: '125' }));
    expect(message?.text).toHaveLength(inboundTextLimit);
  });

  it('records nothing for VIEW, LOCATION, TEMPLATESENDJOBFINISH, unknown events, or a body without sender, time or MsgId', () => {
    for (const Event of ['VIEW', 'LOCATION', 'TEMPLATESENDJOBFINISH', 'scancode_push', 'CLICK']) {
      expect(toInboundMessage(fields({ ...base, MsgType: 'event', Event })), Event).toBeNull();
    }
    expect(toInboundMessage(fields({ ...base, MsgType: 'text', Content: '签到' }))).toBeNull();
    expect(toInboundMessage(fields({ ...base, FromUserName: '', MsgType: 'text', MsgId: '1' }))).toBeNull();
    expect(toInboundMessage(fields({ ...base, CreateTime: 'soon', MsgType: 'text', MsgId: '1' }))).toBeNull();
  });
});

interface World {
  app: FastifyInstance;
  wechat: WechatCallbackDriver;
  accepted: InboundMessage[];
  logs: Record<string, unknown>[];
  logText: () => string;
  intakeDown: (down: boolean) => void;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function startCallback(options: { encodingAesKey?: string } = {}): Promise<World> {
  const accepted: InboundMessage[] = [];
  const lines: string[] = [];
  let down = false;
  const app = Fastify({ logger: false });
  apps.push(app);
  await app.register(
    callbackRoute({
      token,
      appId,
      ...options,
      accept: async (message) => {
        if (down) throw new Error('Redis is not answering');
        accepted.push(message);
      },
      now: () => new Date(),
      log: createLogger('info', { write: (line: string) => void lines.push(line) }),
    }),
  );
  const wechat = new WechatCallbackDriver({ target: app, token, appId, ...options });
  return {
    app,
    wechat,
    accepted,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join(''),
    intakeDown: (value) => (down = value),
  };
}

const success = { status: 200, body: 'success' };
const forbidden = { status: 403, body: 'forbidden' };

describe('POST /oa/callback in 安全模式', () => {
  it('the 服务器配置 handshake gets echostr back; a forged, unsigned or stale one gets 403', async () => {
    const { wechat } = await startCallback({ encodingAesKey: newEncodingAesKey() });
    expect(await wechat.handshake({ echostr: '4375120948345356249' })).toEqual({ status: 200, body: '4375120948345356249' });
    for (const forge of ['unsigned', 'bad-signature', 'stale'] as const) {
      expect(await wechat.handshake({ echostr: '1', forge }), forge).toEqual(forbidden);
    }
    expect(await wechat.handshake({ echostr: '<script>' })).toEqual(forbidden);
  });

  it('accepts text, pictures, follows (with the QR scene), scans, menu clicks and unfollows, answering success', async () => {
    const { wechat, accepted } = await startCallback({ encodingAesKey: newEncodingAesKey() });
    const createTime = Math.floor(Date.now() / 1000);
    expect(await wechat.text('o-zhang', '签到', { msgId: '9001', createTime })).toMatchObject(success);
    expect(await wechat.image('o-zhang', { msgId: '9002', createTime })).toMatchObject(success);
    expect(await wechat.event('o-li', 'subscribe', { scene: 'branch-7', createTime })).toMatchObject(success);
    expect(await wechat.event('o-wang', 'subscribe', { createTime })).toMatchObject(success);
    expect(await wechat.scan('o-zhang', 'activity-12', { createTime })).toMatchObject(success);
    expect(await wechat.click('o-zhang', '我的', { createTime })).toMatchObject(success);
    expect(await wechat.event('o-li', 'unsubscribe', { createTime })).toMatchObject(success);
    const sentAt = createTime * 1000;
    expect(accepted).toEqual([
      { id: '9001', contactId: 'o-zhang', text: '签到', sentAt },
      { id: '9002', contactId: 'o-zhang', sentAt },
      { id: `o-li-${createTime}-subscribe`, contactId: 'o-li', sentAt, event: { kind: 'follow', scene: 'branch-7' } },
      { id: `o-wang-${createTime}-subscribe`, contactId: 'o-wang', sentAt, event: { kind: 'follow' } },
      { id: `o-zhang-${createTime}-scan`, contactId: 'o-zhang', sentAt, event: { kind: 'scan', scene: 'activity-12' } },
      { id: `o-zhang-${createTime}-click`, contactId: 'o-zhang', text: '我的', sentAt, event: { kind: 'click' } },
      { id: `o-li-${createTime}-unsubscribe`, contactId: 'o-li', sentAt, event: { kind: 'unfollow' } },
    ]);
  });

  it('answers success to VIEW, LOCATION and TEMPLATESENDJOBFINISH and records nothing', async () => {
    const { wechat, accepted } = await startCallback({ encodingAesKey: newEncodingAesKey() });
    for (const event of ['VIEW', 'LOCATION', 'TEMPLATESENDJOBFINISH']) {
      expect(await wechat.event('o-zhang', event, { eventKey: 'https://example.com' }), event).toMatchObject(success);
    }
    expect(accepted).toEqual([]);
  });

  it('WeChat\'s retry of the same message is accepted with the same id (intake keeps one)', async () => {
    const { wechat, accepted } = await startCallback({ encodingAesKey: newEncodingAesKey() });
    const first = await wechat.event('o-li', 'subscribe', { scene: 'branch-7' });
    expect(await first.resend()).toEqual(success);
    expect(await first.resend()).toEqual(success);
    expect(accepted).toHaveLength(3);
    expect(new Set(accepted.map((message) => message.id)).size).toBe(1);
  });

  it('answers 503 while intake cannot hold the message, so that WeChat retries; the retry gets success', async () => {
    const world = await startCallback({ encodingAesKey: newEncodingAesKey() });
    world.intakeDown(true);
    const sent = await world.wechat.text('o-zhang', '签到', { msgId: '9100' });
    expect(sent.status).toBe(503);
    expect(world.accepted).toEqual([]);
    world.intakeDown(false);
    expect(await sent.resend()).toEqual(success);
    expect(world.accepted.map((message) => message.id)).toEqual(['9100']);
  });

  it('refuses every forgery with 403, records nothing, and logs only a count and the reason', async () => {
    const world = await startCallback({ encodingAesKey: newEncodingAesKey() });
    const reasons: Record<Forgery, string> = {
      unsigned: 'unsigned',
      'bad-signature': 'bad-signature',
      stale: 'stale-timestamp',
      plaintext: 'plaintext-in-safe-mode',
      'bad-msg-signature': 'bad-msg-signature',
      'other-app-id': 'other-appid',
      'wrong-key': 'undecryptable',
    };
    for (const forge of Object.keys(reasons) as Forgery[]) {
      expect(await world.wechat.text('o-attacked', '签到 秘密内容', { forge }), forge).toMatchObject(forbidden);
      expect(await world.wechat.event('o-attacked', 'subscribe', { forge, scene: 'x' }), forge).toMatchObject(forbidden);
    }
    expect(world.accepted).toEqual([]);
    const refusals = world.logs.map(({ reason, count }) => ({ reason, count }));
    expect(refusals).toEqual(Object.values(reasons).flatMap((reason) => [{ reason, count: 1 }, { reason, count: 2 }]));
    expect(world.logText()).not.toContain('o-attacked');
    expect(world.logText()).not.toContain('秘密');
  });

  it('refuses a body over 64 KB (413) and a DTD with entities, even when correctly signed and sealed (403), quickly', async () => {
    const world = await startCallback({ encodingAesKey: newEncodingAesKey() });
    expect(await world.wechat.oversized('o-zhang')).toMatchObject({ status: 413 });
    const started = performance.now();
    expect(await world.wechat.entityExpansion('o-zhang')).toMatchObject(forbidden);
    expect(performance.now() - started).toBeLessThan(500);
    expect(world.accepted).toEqual([]);
    expect(world.logs.map(({ reason }) => reason)).toEqual(['oversized', 'malformed']);
  });
});

describe('POST /oa/callback in 明文模式 (no EncodingAESKey)', () => {
  it('accepts signed plaintext messages; refuses unsigned, forged, stale and encrypted ones', async () => {
    const world = await startCallback();
    expect(await world.wechat.text('o-zhang', '签到', { msgId: '77' })).toMatchObject(success);
    expect(await world.wechat.click('o-zhang', '签到')).toMatchObject(success);
    for (const forge of ['unsigned', 'bad-signature', 'stale'] as const) {
      expect(await world.wechat.text('o-zhang', '签到', { forge }), forge).toMatchObject(forbidden);
    }
    const sealed = new WechatCallbackDriver({ target: world.app, token, appId, encodingAesKey: newEncodingAesKey() });
    expect(await sealed.text('o-zhang', '签到')).toMatchObject(forbidden);
    expect(await world.wechat.entityExpansion('o-zhang')).toMatchObject(forbidden);
    expect(world.accepted.map(({ id, text }) => ({ id, text }))).toEqual([
      { id: '77', text: '签到' },
      { id: expect.stringMatching(/^o-zhang-\d+-click$/), text: '签到' },
    ]);
    expect(world.logs.map(({ reason }) => reason)).toEqual(['unsigned', 'bad-signature', 'stale-timestamp', 'encrypted-without-key', 'malformed']);
  });

  it('takes text/xml with a charset and application/xml; a JSON body is refused (403), a type nobody parses too (415)', async () => {
    const world = await startCallback();
    const query = (() => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return `signature=${callbackSignature([token, timestamp, '5'])}&timestamp=${timestamp}&nonce=5`;
    })();
    const body = `<xml><FromUserName><![CDATA[o-zhang]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我的]]></Content><MsgId>1</MsgId></xml>`;
    for (const type of ['text/xml; charset=utf-8', 'application/xml']) {
      const response = await world.app.inject({ method: 'POST', url: `/oa/callback?${query}`, headers: { 'content-type': type }, payload: body });
      expect(response.body, type).toBe('success');
    }
    const json = await world.app.inject({ method: 'POST', url: `/oa/callback?${query}`, payload: { xml: body } });
    expect(json.statusCode).toBe(403);
    const binary = await world.app.inject({ method: 'POST', url: `/oa/callback?${query}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
    expect(binary.statusCode).toBe(415);
    expect(world.accepted).toHaveLength(2);
  });
});

describe('the plugin inside a host app', () => {
  it('keeps its XML parser to itself: the host\'s form and JSON routes parse as before and refuse XML', async () => {
    const app = Fastify({ logger: false });
    apps.push(app);
    await app.register(fastifyFormbody);
    app.post('/form', async (request) => ({ got: request.body }));
    await app.register(callbackRoute({ token, appId, accept: async () => {}, now: () => new Date(), log: createLogger('silent') }));
    expect((await app.inject({ method: 'POST', url: '/form', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).json()).toEqual({ got: { a: '1' } });
    expect((await app.inject({ method: 'POST', url: '/form', payload: { a: 2 } })).json()).toEqual({ got: { a: 2 } });
    expect((await app.inject({ method: 'POST', url: '/form', payload: '<xml/>', headers: { 'content-type': 'text/xml' } })).statusCode).toBe(415);
  });

  it('serves a real socket too: the driver given a base URL plays WeChat over HTTP', async () => {
    const encodingAesKey = newEncodingAesKey();
    const world = await startCallback({ encodingAesKey });
    const baseUrl = await world.app.listen({ host: '127.0.0.1', port: 0 });
    const wechat = new WechatCallbackDriver({ target: baseUrl, token, appId, encodingAesKey });
    expect(await wechat.handshake({ echostr: '987' })).toEqual({ status: 200, body: '987' });
    expect(await wechat.text('o-zhang', '签到', { msgId: '5' })).toMatchObject(success);
    expect(await wechat.text('o-zhang', '签到', { forge: 'wrong-key' })).toMatchObject(forbidden);
    expect(world.accepted.map(({ id }) => id)).toEqual(['5']);
  });

  it('refuses to start with an EncodingAESKey that is not 43 letters and digits', () => {
    expect(() => callbackRoute({ token, appId, encodingAesKey: 'short', accept: async () => {}, now: () => new Date(), log: createLogger('silent') })).toThrow(/43/);
  });
});
