import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { officialAccountPuppet } from '../config.ts';
import type { Menu } from '../official-account/menu.ts';
import { errmsgs, menuErrcode, qrCodeErrcode, sceneOf } from './fake-wechat-rules.ts';

const tokenLifetimeSeconds = 7200;
/** In a token's last 5 minutes stable_token hands out the next one; a replaced /cgi-bin/token token works 5 more minutes. */
const handOverMs = 5 * 60_000;
const forceRefreshesPerDay = 20;
const templatesPerDay = 100_000;
/** 客服消息 a member's own message allows: 5 within 48 hours, counted again from each message… */
const afterMessage = { ms: 48 * 3600_000, sends: 5 };
/** …and a click, follow or scan: 3 within 1 minute. */
const afterEvent = { ms: 60_000, sends: 3 };
const dayMs = 24 * 3600_000;
const beijingOffsetMs = 8 * 3600_000;

export interface FakeWeChatApiOptions {
  appId: string;
  appSecret: string;
  /** The fake's clock (ms): token expiry, the message windows and daily quotas follow it. Default Date.now. */
  now?: () => number;
  host?: string;
  port?: number;
}

/** A message WeChat accepted, in order. */
export type FakeSentMessage =
  | { type: 'custom'; openId: string; text: string; at: number }
  | { type: 'template'; openId: string; templateId: string; data: Record<string, string>; url?: string; at: number };

export interface FakeQrCode {
  ticket: string;
  url: string;
  scene: string;
  expiresAt: number;
}

interface SendWindow {
  until: number;
  left: number;
}

interface FakeUser {
  following: boolean;
  refused: boolean;
  followedAt: number;
  unionId?: string;
  afterMessage?: SendWindow;
  afterEvent?: SendWindow;
}

type Reply = Record<string, unknown>;
type Body = Record<string, unknown>;

interface Route {
  method: 'GET' | 'POST';
  /** Needs ?access_token=… */
  authenticated: boolean;
  handle: (query: URLSearchParams, body: Body) => Reply;
}

/**
 * A local stand-in for api.weixin.qq.com that keeps WeChat's rules (tokens and their expiry,
 * the 客服消息 windows, follow / refusal, template and force-refresh quotas, menu and QR code
 * validation) and records what it accepted. Used by the tests and the local simulator.
 */
export class FakeWeChatApi {
  /** Its address, for OA_API_BASE_URL. */
  url = '';
  readonly sent: FakeSentMessage[] = [];
  readonly menus: Menu[] = [];
  readonly qrCodes: FakeQrCode[] = [];
  /** Requests per path, e.g. calls['/cgi-bin/stable_token']. */
  readonly calls: Record<string, number> = {};

  readonly #options: Required<Omit<FakeWeChatApiOptions, 'host' | 'port'>>;
  readonly #users = new Map<string, FakeUser>();
  readonly #templates = new Set<string>();
  readonly #tokens = new Map<string, { expiresAt: number }>();
  #stableToken?: string;
  #legacyToken?: string;
  readonly #dailyCounts = new Map<string, number>();
  readonly #failures = new Map<string, number[]>();
  readonly #qrByTicketOrUrl = new Map<string, FakeQrCode>();
  #requestIds = 0;
  readonly #sentListeners = new Set<(message: FakeSentMessage) => void>();
  #server?: Server;
  readonly #routes: Record<string, Route> = {
    '/cgi-bin/token': { method: 'GET', authenticated: false, handle: (query) => this.legacyToken(query) },
    '/cgi-bin/stable_token': { method: 'POST', authenticated: false, handle: (_query, body) => this.stableToken(body) },
    '/cgi-bin/message/custom/send': { method: 'POST', authenticated: true, handle: (_query, body) => this.customSend(body) },
    '/cgi-bin/message/template/send': { method: 'POST', authenticated: true, handle: (_query, body) => this.templateSend(body) },
    '/cgi-bin/qrcode/create': { method: 'POST', authenticated: true, handle: (_query, body) => this.qrCodeCreate(body) },
    '/cgi-bin/menu/create': { method: 'POST', authenticated: true, handle: (_query, body) => this.menuCreate(body) },
    '/cgi-bin/user/info': { method: 'GET', authenticated: true, handle: (query) => this.userInfo(query) },
  };

  constructor(options: FakeWeChatApiOptions) {
    this.#options = { now: Date.now, appId: options.appId, appSecret: options.appSecret, ...(options.now ? { now: options.now } : {}) };
  }

  async listen(host: string, port: number): Promise<void> {
    this.#server = createServer((request, response) => this.receive(request, response));
    // A deep backlog: a benchmark opens connections by the thousand at once.
    await new Promise<void>((resolve) => this.#server!.listen({ port, host, backlog: 4096 }, resolve));
    const address = this.#server.address() as AddressInfo;
    this.url = `http://${host}:${address.port}`;
  }

  /** The settings (OA_* …) that run the assistant on this fake's account, with the callback's token and AES key. */
  accountSettings(callback: { token: string; encodingAesKey: string }) {
    return {
      WECHATY_PUPPET: officialAccountPuppet,
      OA_APP_ID: this.#options.appId,
      OA_APP_SECRET: this.#options.appSecret,
      OA_TOKEN: callback.token,
      OA_ENCODING_AES_KEY: callback.encodingAesKey,
      OA_API_BASE_URL: this.url,
    };
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── Controls: what members do in WeChat ──

  follow(openId: string, options: { unionId?: string } = {}): void {
    const user = this.#users.get(openId);
    const unionId = options.unionId ?? user?.unionId;
    this.#users.set(openId, { refused: false, ...user, following: true, followedAt: this.#options.now(), ...(unionId ? { unionId } : {}) });
  }

  unfollow(openId: string): void {
    const user = this.#users.get(openId);
    if (!user) return;
    user.following = false;
    delete user.afterMessage;
    delete user.afterEvent;
  }

  /** The member turned off 接收消息: custom and template messages get 48002. */
  refuseMessages(openId: string): void {
    this.following(openId).refused = true;
  }

  /** The member sent a message: 5 客服消息 within 48 hours, counted again from this message. */
  userMessage(openId: string, at = this.#options.now()): void {
    this.following(openId).afterMessage = { until: at + afterMessage.ms, left: afterMessage.sends };
  }

  /** The member clicked the menu, followed or scanned: 3 客服消息 within 1 minute. */
  userEvent(openId: string, at = this.#options.now()): void {
    this.following(openId).afterEvent = { until: at + afterEvent.ms, left: afterEvent.sends };
  }

  /** Calls `listener` with every message WeChat accepts, as it accepts it; returns how to stop. */
  onSent(listener: (message: FakeSentMessage) => void): () => void {
    this.#sentListeners.add(listener);
    return () => {
      this.#sentListeners.delete(listener);
    };
  }

  addTemplate(id: string): void {
    this.#templates.add(id);
  }

  /** Every token issued so far expires now (42001 from then on). */
  expireToken(): void {
    const now = this.#options.now();
    for (const token of this.#tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /** The next request to `path` (e.g. /cgi-bin/message/custom/send) is answered with `errcode`. */
  failNext(path: string, errcode: number): void {
    this.#failures.set(path, [...(this.#failures.get(path) ?? []), errcode]);
  }

  /** The scene a created QR code carries, by its ticket or its url. */
  qrScene(ticketOrUrl: string): string | undefined {
    return this.#qrByTicketOrUrl.get(ticketOrUrl)?.scene;
  }

  private following(openId: string): FakeUser {
    const user = this.#users.get(openId);
    if (!user?.following) throw new Error(`fake WeChat: ${openId} does not follow the account (call follow first)`);
    return user;
  }

  // ── HTTP ──

  private receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const path = url.pathname;
      this.calls[path] = (this.calls[path] ?? 0) + 1;
      const route = this.#routes[path];
      if (!route) {
        response.writeHead(404).end('not found');
        return;
      }
      const reply = this.answer(route, request.method === 'POST' ? 'POST' : 'GET', path, url.searchParams, Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply));
    });
  }

  private answer(route: Route, method: 'GET' | 'POST', path: string, query: URLSearchParams, text: string): Reply {
    if (method !== route.method) return this.fail(route.method === 'POST' ? 43002 : 43001);
    const failure = this.#failures.get(path)?.shift();
    if (failure !== undefined) return this.fail(failure);
    if (route.authenticated) {
      const errcode = this.tokenErrcode(query.get('access_token'));
      if (errcode) return this.fail(errcode);
    }
    if (method === 'GET') return route.handle(query, {});
    if (text.trim() === '') return this.fail(44002);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.fail(47001);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return this.fail(47001);
    return route.handle(query, body as Body);
  }

  private fail(errcode: number): Reply {
    return { errcode, errmsg: `${errmsgs[errcode] ?? 'system error'} rid: ${(++this.#requestIds).toString(16)}` };
  }

  private ok(fields: Reply = {}): Reply {
    return { errcode: 0, errmsg: 'ok', ...fields };
  }

  // ── Tokens ──

  private tokenErrcode(token: string | null): number {
    if (!token) return 41001;
    const issued = this.#tokens.get(token);
    if (!issued) return 40001;
    return issued.expiresAt <= this.#options.now() ? 42001 : 0;
  }

  private credentialsErrcode(grantType: unknown, appId: unknown, secret: unknown): number {
    if (grantType !== 'client_credential') return 40002;
    if (appId !== this.#options.appId) return 40013;
    return secret === this.#options.appSecret ? 0 : 40125;
  }

  private issueToken(): string {
    const token = randomBytes(48).toString('base64url');
    this.#tokens.set(token, { expiresAt: this.#options.now() + tokenLifetimeSeconds * 1000 });
    return token;
  }

  /** GET /cgi-bin/token: a new token every call; the one it replaces works 5 more minutes. */
  private legacyToken(query: URLSearchParams): Reply {
    const errcode = this.credentialsErrcode(query.get('grant_type'), query.get('appid'), query.get('secret'));
    if (errcode) return this.fail(errcode);
    const previous = this.#legacyToken && this.#tokens.get(this.#legacyToken);
    if (previous) previous.expiresAt = Math.min(previous.expiresAt, this.#options.now() + handOverMs);
    this.#legacyToken = this.issueToken();
    return { access_token: this.#legacyToken, expires_in: tokenLifetimeSeconds };
  }

  /**
   * POST /cgi-bin/stable_token, separate from /cgi-bin/token. Normal mode returns the current token
   * with what is left of it, or the next one in its last 5 minutes (the old one working till its end);
   * force mode invalidates the current token at once, 20 times a day at most.
   */
  private stableToken(body: Body): Reply {
    const errcode = this.credentialsErrcode(body.grant_type, body.appid, body.secret);
    if (errcode) return this.fail(errcode);
    const now = this.#options.now();
    const current = this.#stableToken ? this.#tokens.get(this.#stableToken) : undefined;
    if (body.force_refresh === true) {
      if (!this.countToday('force_refresh', forceRefreshesPerDay)) return this.fail(45009);
      if (this.#stableToken) this.#tokens.delete(this.#stableToken);
    } else if (current && current.expiresAt - now > handOverMs) {
      return { access_token: this.#stableToken, expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }
    this.#stableToken = this.issueToken();
    return { access_token: this.#stableToken, expires_in: tokenLifetimeSeconds };
  }

  /** Counts one use of a daily quota (days as in Beijing); false when it is spent. */
  private countToday(quota: string, limit: number): boolean {
    const key = `${quota}:${Math.floor((this.#options.now() + beijingOffsetMs) / dayMs)}`;
    const used = this.#dailyCounts.get(key) ?? 0;
    if (used >= limit) return false;
    this.#dailyCounts.set(key, used + 1);
    return true;
  }

  // ── Messages ──

  private customSend(body: Body): Reply {
    const openId = String(body.touser ?? '');
    const user = this.#users.get(openId);
    if (!user) return this.fail(40003);
    if (body.msgtype !== 'text') return this.fail(40008);
    const text = (body.text as { content?: unknown } | undefined)?.content;
    if (typeof text !== 'string' || text === '') return this.fail(47001);
    const errcode = this.recipientErrcode(user) || this.spendWindow(user);
    if (errcode) return this.fail(errcode);
    this.accept({ type: 'custom', openId, text, at: this.#options.now() });
    return this.ok();
  }

  private recipientErrcode(user: FakeUser): number {
    if (!user.following) return 43004;
    return user.refused ? 48002 : 0;
  }

  /** Spends one send of an open window, the one closing first: 45015 when none is open, 45047 when all are spent. */
  private spendWindow(user: FakeUser): number {
    const now = this.#options.now();
    const open = [user.afterEvent, user.afterMessage].filter((window): window is SendWindow => window !== undefined && window.until > now);
    if (open.length === 0) return 45015;
    const usable = open.filter((window) => window.left > 0).sort((a, b) => a.until - b.until)[0];
    if (!usable) return 45047;
    usable.left -= 1;
    return 0;
  }

  private accept(message: FakeSentMessage): void {
    this.sent.push(message);
    for (const listener of this.#sentListeners) listener(message);
  }

  private templateSend(body: Body): Reply {
    const openId = String(body.touser ?? '');
    const user = this.#users.get(openId);
    if (!user) return this.fail(40003);
    const templateId = String(body.template_id ?? '');
    if (!this.#templates.has(templateId)) return this.fail(40037);
    const data = templateData(body.data);
    if (!data) return this.fail(47001);
    const errcode = this.recipientErrcode(user);
    if (errcode) return this.fail(errcode);
    if (!this.countToday('template', templatesPerDay)) return this.fail(45009);
    const url = typeof body.url === 'string' ? body.url : undefined;
    this.accept({ type: 'template', openId, templateId, data, ...(url ? { url } : {}), at: this.#options.now() });
    return this.ok({ msgid: this.sent.length });
  }

  // ── QR codes, menu, users ──

  private qrCodeCreate(body: Body): Reply {
    const errcode = qrCodeErrcode(body);
    if (errcode) return this.fail(errcode);
    const expireSeconds = (body.expire_seconds as number | undefined) ?? 60;
    const ticket = `gQ${randomBytes(36).toString('base64url')}`;
    const qrCode = {
      ticket,
      url: `http://weixin.qq.com/q/${randomBytes(16).toString('base64url')}`,
      scene: sceneOf(body)!,
      expiresAt: this.#options.now() + expireSeconds * 1000,
    };
    this.qrCodes.push(qrCode);
    this.#qrByTicketOrUrl.set(qrCode.ticket, qrCode).set(qrCode.url, qrCode);
    return { ticket, expire_seconds: expireSeconds, url: qrCode.url };
  }

  private menuCreate(body: Body): Reply {
    const errcode = menuErrcode(body);
    if (errcode) return this.fail(errcode);
    this.menus.push(body as unknown as Menu);
    return this.ok();
  }

  /** GET /cgi-bin/user/info: follow state, openid and unionid; WeChat has given no nickname or avatar since 2021. */
  private userInfo(query: URLSearchParams): Reply {
    const openId = query.get('openid') ?? '';
    const user = this.#users.get(openId);
    if (!user) return this.fail(40003);
    const unionId = user.unionId ? { unionid: user.unionId } : {};
    if (!user.following) return { subscribe: 0, openid: openId, ...unionId };
    return {
      subscribe: 1,
      openid: openId,
      language: 'zh_CN',
      subscribe_time: Math.floor(user.followedAt / 1000),
      ...unionId,
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 0,
      qr_scene_str: '',
    };
  }
}

/** A template's data as sent ({ key: { value } }) → { key: value }; undefined when malformed. */
function templateData(data: unknown): Record<string, string> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const entries = Object.entries(data).map(([key, field]) => [key, (field as { value?: unknown } | null)?.value] as const);
  if (entries.some(([, value]) => typeof value !== 'string')) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Starts the fake on host (127.0.0.1) and port (0: any free one); `url` is its address. */
export async function startFakeWeChatApi(options: FakeWeChatApiOptions): Promise<FakeWeChatApi> {
  const fake = new FakeWeChatApi(options);
  await fake.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return fake;
}
