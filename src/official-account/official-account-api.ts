import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { Menu } from './menu.ts';
import { SharedAccessToken, type FetchedToken } from './shared-access-token.ts';

export interface OfficialAccountApiOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com, or a fake's address. */
  baseUrl: string;
  /** Shared by every process of the deployment: the access token lives there. */
  redis: Redis;
  /** QUEUE_PREFIX: the token is kept at `${keyPrefix}:oa:${appId}:token`. */
  keyPrefix: string;
  log: Logger;
  /** Each HTTP request gives up after this long (default 10 s). */
  timeoutMs?: number;
  /** The clock token expiry is counted on (default Date.now); tests pass the fake's. */
  now?: () => number;
}

/** WeChat answered with a non-zero errcode. The message carries the path, errcode and errmsg; never the token or secret. */
export class WeChatApiError extends Error {
  override name = 'WeChatApiError';

  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${path}: errcode ${errcode} ${errmsg}`);
  }
}

/** invalid credential, access_token expired, invalid access_token: the token is renewed once and the call retried. */
const rejectedTokenCodes = new Set([40001, 42001, 40014]);

export interface TemplateMessage {
  templateId: string;
  /** Opened when the member taps the message. */
  url?: string;
  /** The template's fields, e.g. { thing1: '十二月主题党日', time2: '12月1日 14:30' }. */
  data: Record<string, string>;
}

export interface QrCode {
  ticket: string;
  /** What the QR code encodes (draw it from this, or show https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=…). */
  url: string;
  expiresAt: Date;
}

export interface UserInfo {
  subscribed: boolean;
  openId: string;
  /** Only when the account is bound to a WeChat Open Platform account. WeChat gives no nickname. */
  unionId?: string;
}

type Reply = { errcode?: number; errmsg?: string } & Record<string, unknown>;

interface Request {
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * The official account (服务号) API on global fetch: customer-service and template messages,
 * QR codes with a scene, the menu, user info. Errors: WeChatApiError for an errcode; a network
 * failure or timeout throws as it is (the outbox retries those).
 */
export class OfficialAccountApi {
  readonly #options: Required<OfficialAccountApiOptions>;
  readonly #token: SharedAccessToken;

  constructor(options: OfficialAccountApiOptions) {
    this.#options = { timeoutMs: 10_000, now: Date.now, ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.#token = new SharedAccessToken({
      redis: options.redis,
      key: `${options.keyPrefix}:oa:${options.appId}:token`,
      log: options.log,
      now: this.#options.now,
      lockMs: 2 * this.#options.timeoutMs + 5_000,
      fetchToken: (forceRefresh) => this.fetchStableToken(forceRefresh),
    });
  }

  /** The account's access token, shared through Redis; renewed when less than 5 minutes remain. */
  accessToken(): Promise<string> {
    return this.#token.current();
  }

  /** POST JSON to an API path (e.g. /cgi-bin/menu/create) with the access token; resolves with WeChat's reply. */
  post(path: string, body: unknown): Promise<Reply> {
    return this.call(path, { body });
  }

  /** A 客服消息: only inside the window the member opened (45015 / 45047 otherwise). */
  async sendText(openId: string, text: string): Promise<void> {
    await this.post('/cgi-bin/message/custom/send', { touser: openId, msgtype: 'text', text: { content: text } });
  }

  /** A 模板消息: outside the 48-hour window too; resolves with WeChat's message id. */
  async sendTemplate(openId: string, message: TemplateMessage): Promise<{ msgId: number }> {
    const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }]));
    const reply = await this.post('/cgi-bin/message/template/send', {
      touser: openId,
      template_id: message.templateId,
      ...(message.url ? { url: message.url } : {}),
      data,
    });
    return { msgId: Number(reply.msgid) };
  }

  /** A temporary QR code whose scan tells our callback `scene` (1–64 characters); at most 30 days. */
  async createQrCode(options: { scene: string; expireSeconds: number }): Promise<QrCode> {
    const reply = await this.post('/cgi-bin/qrcode/create', {
      expire_seconds: options.expireSeconds,
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: options.scene } },
    });
    const expireSeconds = Number(reply.expire_seconds ?? options.expireSeconds);
    return { ticket: String(reply.ticket), url: String(reply.url), expiresAt: new Date(this.#options.now() + expireSeconds * 1000) };
  }

  /** Replaces the account's custom menu. */
  async createMenu(menu: Menu): Promise<void> {
    await this.post('/cgi-bin/menu/create', menu);
  }

  /** Whether the user follows the account, and their UnionID if there is one. */
  async userInfo(openId: string): Promise<UserInfo> {
    const reply = await this.call('/cgi-bin/user/info', { query: { openid: openId, lang: 'zh_CN' } });
    const unionId = typeof reply.unionid === 'string' && reply.unionid ? reply.unionid : undefined;
    return { subscribed: reply.subscribe === 1, openId: String(reply.openid ?? openId), ...(unionId ? { unionId } : {}) };
  }

  private async call(path: string, request: Request): Promise<Reply> {
    let token = await this.#token.current();
    let reply = await this.request(path, request, token);
    if (reply.errcode !== undefined && rejectedTokenCodes.has(reply.errcode)) {
      this.#options.log.warn({ path, errcode: reply.errcode }, 'official account access token rejected; renewing it once');
      token = await this.#token.replace(token);
      reply = await this.request(path, request, token);
    }
    return this.checked(path, reply, token);
  }

  private async fetchStableToken(forceRefresh: boolean): Promise<FetchedToken> {
    const path = '/cgi-bin/stable_token';
    const { appId, appSecret } = this.#options;
    const reply = this.checked(path, await this.request(path, { body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh } }));
    if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') throw new Error(`WeChat ${path}: the reply has no access_token`);
    return { token: reply.access_token, expiresInSeconds: reply.expires_in };
  }

  /** `reply` itself, or a WeChatApiError for its errcode (with the secret and token blanked out of errmsg, should WeChat echo them). */
  private checked(path: string, reply: Reply, token?: string): Reply {
    if (!reply.errcode) return reply;
    const secrets = [this.#options.appSecret, ...(token ? [token] : [])];
    const errmsg = secrets.reduce((text, secret) => text.replaceAll(secret, '***'), String(reply.errmsg ?? ''));
    throw new WeChatApiError(path, reply.errcode, errmsg);
  }

  private async request(path: string, { query, body }: Request, token?: string): Promise<Reply> {
    const url = new URL(`${this.#options.baseUrl}${path}`);
    if (token) url.searchParams.set('access_token', token);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    const response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
    if (!response.ok) throw new Error(`WeChat ${path}: HTTP ${response.status}`);
    try {
      return (await response.json()) as Reply;
    } catch {
      throw new Error(`WeChat ${path}: the reply is not JSON`);
    }
  }
}
