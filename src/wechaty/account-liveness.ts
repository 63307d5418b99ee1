import type * as PUPPET from 'wechaty-puppet';
import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import type { Logger } from '../log.ts';

/** Heartbeat data some puppets send once the session is gone. */
const loggedOutHeartbeat = /logout|logged[ _-]?out|not[ _-]?logged|kicked|offline|登出|下线|掉线/i;

/**
 * Knows whether the bot's WeChat account is still logged in, and tells the operator outside
 * WeChat when it is not. A logout shows up as a `logout` event, as a `scan` after a login
 * (wechat4u asks for a new scan rather than emitting logout), or as a heartbeat saying so; a
 * quiet session (no message at all for hours during the day) is reported as a likely logout.
 * One alert per incident, and one when it is over.
 */
export class AccountLiveness {
  private state: 'starting' | 'online' | 'offline' = 'starting';
  private lastHeardAt: number;
  private silenceReported = false;
  private readonly timer: NodeJS.Timeout;
  private readonly listeners: [string, (...args: never[]) => void][];

  constructor(
    private readonly puppet: PUPPET.impls.PuppetInterface,
    private readonly options: {
      alerts: OperatorAlerts;
      /** No inbound message for this long, during the day, is reported as a likely logout. */
      silenceAlertMs: number;
      /** Whether a silence now would be unusual (quiet hours are not). */
      isDaytime: (at: Date) => boolean;
      /** The account is gone: hold everything. */
      onOffline: () => void;
      /** The account is usable again; `afterIncident` when it came back from a logout. */
      onOnline: (afterIncident: boolean) => void;
      now: () => Date;
      log: Logger;
      checkEveryMs?: number;
    },
  ) {
    this.lastHeardAt = options.now().getTime();
    this.listeners = [
      ['login', () => this.loggedIn()],
      ['logout', () => this.loggedOut('logout', '微信已退出登录。请运行 npm run login 重新扫码登录；登录前所有消息暂存，不会丢失。')],
      ['scan', () => this.scanAfterLogin()],
      ['heartbeat', (payload: PUPPET.payloads.EventHeartbeat) => this.heartbeat(payload)],
      ['message', () => this.heard()],
    ];
    for (const [event, listener] of this.listeners) puppet.on(event as never, listener as never);
    this.timer = setInterval(() => this.checkSilence(), options.checkEveryMs ?? 60_000).unref();
    if (puppet.isLoggedIn) this.loggedIn();
    else options.onOffline();
  }

  get online(): boolean {
    return this.state === 'online';
  }

  stop(): void {
    clearInterval(this.timer);
    for (const [event, listener] of this.listeners) this.puppet.off(event as never, listener as never);
  }

  private loggedIn(): void {
    const afterIncident = this.state === 'offline';
    if (this.state === 'online') return;
    this.state = 'online';
    this.lastHeardAt = this.options.now().getTime();
    this.options.log.info({ afterIncident }, 'wechat account logged in');
    if (afterIncident) this.options.alerts.send({ event: 'back-online', text: '微信已重新登录，暂存的消息将按节奏恢复发送。' });
    this.options.onOnline(afterIncident);
  }

  private loggedOut(event: string, text: string): void {
    if (this.state === 'offline') return;
    this.state = 'offline';
    this.options.log.warn({ event }, 'wechat account logged out; holding the outbox');
    this.options.alerts.send({ event: 'logged-out', text });
    this.options.onOffline();
  }

  private scanAfterLogin(): void {
    // A scan before the first login is the normal start; after one it means the session is gone.
    if (this.state !== 'online') return;
    this.loggedOut('scan', '微信要求重新扫码登录（会话已失效）。请运行 npm run login 扫码；登录前所有消息暂存，不会丢失。');
  }

  private heartbeat(payload: PUPPET.payloads.EventHeartbeat): void {
    if (loggedOutHeartbeat.test(String(payload.data ?? ''))) {
      this.loggedOut('heartbeat', '微信心跳显示已掉线。请运行 npm run login 重新扫码登录；登录前所有消息暂存，不会丢失。');
    }
  }

  private heard(): void {
    this.lastHeardAt = this.options.now().getTime();
    if (!this.silenceReported) return;
    this.silenceReported = false;
    this.options.alerts.send({ event: 'heard-again', text: '已重新收到微信消息，账号工作正常。' });
  }

  private checkSilence(): void {
    const now = this.options.now();
    const silentMs = now.getTime() - this.lastHeardAt;
    if (this.state !== 'online' || this.silenceReported || silentMs < this.options.silenceAlertMs || !this.options.isDaytime(now)) return;
    this.silenceReported = true;
    const hours = Math.floor(silentMs / 3_600_000);
    this.options.alerts.send({
      event: 'silent',
      text: `已 ${hours} 小时没有收到任何微信消息，账号可能已掉线，请检查。`,
    });
  }
}
