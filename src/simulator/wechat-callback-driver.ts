import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { callbackSignature } from '../official-account/callback-signature.ts';
import { encryptReply } from '../official-account/encrypted-reply.ts';

/** What WeChat (or an attacker) sees: the HTTP status and the body. */
export interface CallbackAnswer {
  status: number;
  body: string;
}

/** A sent callback; `resend()` is WeChat's retry of exactly the same request. */
export interface SentCallback extends CallbackAnswer {
  resend: () => Promise<CallbackAnswer>;
}

/** Ways a request is not WeChat's own; each must be refused with 403 and record nothing. */
export type Forgery =
  | 'unsigned' // no signature at all
  | 'bad-signature' // signed with another token
  | 'stale' // correctly signed, stamped 6 minutes ago
  | 'plaintext' // a plaintext body to an account in 安全模式
  | 'bad-msg-signature' // 安全模式: signature right, msg_signature over the body wrong
  | 'other-app-id' // 安全模式: sealed for another AppID
  | 'wrong-key'; // 安全模式: sealed with another EncodingAESKey

export interface SendOptions {
  forge?: Forgery;
  /** Seconds; default now. */
  createTime?: number;
  msgId?: string;
}

export interface WechatCallbackDriverOptions {
  /** A Fastify app (requests go through `inject`) or a base URL such as http://127.0.0.1:3000. */
  target: Pick<FastifyInstance, 'inject'> | string;
  token: string;
  appId: string;
  /** Set: requests are in 安全模式, as WeChat sends them with an EncodingAESKey configured. */
  encodingAesKey?: string;
  path?: string;
  now?: () => Date;
  /** ToUserName: the account's original id. */
  accountId?: string;
}

const otherKey = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
const otherAppId = 'wx00000000000000ff';

/**
 * Plays WeChat against our callback: the signed GET handshake, messages and events in plaintext or
 * 安全模式, WeChat's retries, and the forgeries an attacker would try.
 *
 *   const wechat = new WechatCallbackDriver({ target: app, token, appId, encodingAesKey });
 *   await wechat.text('o-member', '签到');          // { status: 200, body: 'success', resend }
 *   await wechat.event('o-member', 'subscribe', { scene: 'branch-7' });
 *   await wechat.text('o-member', '签到', { forge: 'wrong-key' });   // { status: 403, … }
 */
export class WechatCallbackDriver {
  private readonly options: WechatCallbackDriverOptions;
  private nextMsgId = BigInt(randomInt(1, 2 ** 40)) * 1_000_000n;

  constructor(options: WechatCallbackDriverOptions) {
    this.options = options;
  }

  /** The 服务器配置 check: WeChat expects `echostr` back. */
  async handshake(options: { echostr?: string; forge?: 'unsigned' | 'bad-signature' | 'stale' } = {}): Promise<CallbackAnswer> {
    const echostr = options.echostr ?? String(randomInt(1, 2 ** 47));
    return this.request('GET', { ...this.signedQuery(options.forge), echostr });
  }

  text(openId: string, content: string, options: SendOptions = {}): Promise<SentCallback> {
    return this.message(openId, 'text', { Content: content }, options);
  }

  /** A picture: no text, but the member was active. */
  image(openId: string, options: SendOptions = {}): Promise<SentCallback> {
    return this.message(openId, 'image', { PicUrl: 'http://mmbiz.qpic.cn/example', MediaId: 'media-1' }, options);
  }

  /** Any event by WeChat's name (subscribe, unsubscribe, SCAN, CLICK, VIEW, LOCATION, TEMPLATESENDJOBFINISH…). */
  event(openId: string, event: string, options: SendOptions & { scene?: string; eventKey?: string } = {}): Promise<SentCallback> {
    const eventKey = options.eventKey ?? (options.scene === undefined ? undefined : event === 'subscribe' ? `qrscene_${options.scene}` : options.scene);
    return this.send({ ...this.header(openId, options), MsgType: 'event', Event: event, ...(eventKey === undefined ? {} : { EventKey: eventKey }) }, options);
  }

  /** A menu click: its key is the command word. */
  click(openId: string, key: string, options: SendOptions = {}): Promise<SentCallback> {
    return this.event(openId, 'CLICK', { ...options, eventKey: key });
  }

  /** A follower scanning one of the account's QR codes. */
  scan(openId: string, scene: string, options: SendOptions = {}): Promise<SentCallback> {
    return this.event(openId, 'SCAN', { ...options, eventKey: scene });
  }

  /** A text message of about 70 KB, over the callback's 64 KB limit. */
  oversized(openId: string): Promise<SentCallback> {
    return this.text(openId, '签'.repeat(24_000));
  }

  /** A correctly signed (and sealed) body that declares entities: a parser that expands them would read 10⁹ 'lol's. */
  entityExpansion(openId: string): Promise<SentCallback> {
    const entities = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`)];
    const xml = `<?xml version="1.0"?><!DOCTYPE xml [${entities.join('')}]><xml>${fieldsXml({ ...this.header(openId, {}), MsgType: 'text', Content: '&lol9;', MsgId: this.msgId({}) }).replace('<![CDATA[&lol9;]]>', '&lol9;')}</xml>`;
    return this.sendXml(xml, {});
  }

  /** Any body, signed (and in 安全模式 sealed) as WeChat would. */
  sendXml(xml: string, options: SendOptions): Promise<SentCallback> {
    const { forge } = options;
    const query = this.signedQuery(forge);
    const { encodingAesKey } = this.options;
    if (!encodingAesKey || forge === 'plaintext') return this.post(query, xml);
    const sealed = encryptReply({
      token: forge === 'bad-msg-signature' ? `${this.options.token}x` : this.options.token,
      encodingAesKey: forge === 'wrong-key' ? otherKey : encodingAesKey,
      appId: forge === 'other-app-id' ? otherAppId : this.options.appId,
      xml,
      timestamp: query.timestamp!,
      nonce: query.nonce!,
    });
    // WeChat's request body carries ToUserName beside <Encrypt>.
    const body = sealed.body.replace('<xml>', `<xml><ToUserName><![CDATA[${this.accountId()}]]></ToUserName>`);
    return this.post({ ...query, encrypt_type: 'aes', msg_signature: sealed.msgSignature }, body);
  }

  private message(openId: string, type: string, fields: Record<string, string>, options: SendOptions): Promise<SentCallback> {
    return this.send({ ...this.header(openId, options), MsgType: type, ...fields, MsgId: this.msgId(options) }, options);
  }

  private send(fields: Record<string, string>, options: SendOptions): Promise<SentCallback> {
    return this.sendXml(`<xml>${fieldsXml(fields)}</xml>`, options);
  }

  private header(openId: string, options: SendOptions): Record<string, string> {
    return { ToUserName: this.accountId(), FromUserName: openId, CreateTime: String(options.createTime ?? this.seconds()) };
  }

  private msgId(options: SendOptions): string {
    this.nextMsgId += 1n;
    return options.msgId ?? String(this.nextMsgId);
  }

  private signedQuery(forge: Forgery | undefined): Record<string, string> {
    if (forge === 'unsigned') return {};
    const timestamp = String(this.seconds() - (forge === 'stale' ? 6 * 60 : 0));
    const nonce = String(randomInt(1, 2 ** 47));
    const token = forge === 'bad-signature' ? `${this.options.token}x` : this.options.token;
    return { signature: callbackSignature([token, timestamp, nonce]), timestamp, nonce, openid: 'o-query' };
  }

  private async post(query: Record<string, string>, body: string): Promise<SentCallback> {
    const answer = await this.request('POST', query, body);
    return { ...answer, resend: () => this.request('POST', query, body) };
  }

  private async request(method: 'GET' | 'POST', query: Record<string, string>, body?: string): Promise<CallbackAnswer> {
    const url = `${this.options.path ?? '/oa/callback'}?${new URLSearchParams(query)}`;
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'text/xml' };
    const { target } = this.options;
    if (typeof target !== 'string') {
      const response = await target.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
      return { status: response.statusCode, body: response.body };
    }
    const response = await fetch(new URL(url, target), { method, headers, ...(body === undefined ? {} : { body }) });
    return { status: response.status, body: await response.text() };
  }

  private accountId(): string {
    return this.options.accountId ?? 'gh_0123456789ab';
  }

  private seconds(): number {
    return Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
  }
}

/** WeChat's flat XML: numbers bare, text in CDATA (a `]]>` inside is split across two sections). */
function fieldsXml(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => (/^\d+$/.test(value) ? `<${name}>${value}</${name}>` : `<${name}><![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`))
    .join('');
}

/** A fresh 43-character EncodingAESKey, as the 公众号 backend generates one. */
export function newEncodingAesKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 43 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
