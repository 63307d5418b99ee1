import type { Redis } from 'ioredis';
import * as PUPPET from 'wechaty-puppet';

/** How long a QR code is offered: WeChat's expire within a few minutes anyway. */
const qrCodeTtlSeconds = 300;

/** The Redis key where a running bot keeps the QR code its puppet wants scanned, for `npm run login`. */
export function loginQrCodeKey(prefix: string, botName: string): string {
  return `${prefix}:login:${botName}`;
}

export type LoginState = { state: 'scan'; qrcode: string } | { state: 'logged-in' } | { state: 'unknown' };

/**
 * Keeps the puppet's current login QR code where the operator's `npm run login` can show it, and
 * only there: a QR code logs whoever scans it in as the bot, so it never goes to a webhook or a log.
 */
export function publishLoginQrCode(puppet: PUPPET.impls.PuppetInterface, redis: Redis, key: string): () => void {
  const onScan = ({ qrcode, status }: PUPPET.payloads.EventScan) => {
    if (!qrcode || (status !== PUPPET.types.ScanStatus.Waiting && status !== PUPPET.types.ScanStatus.Timeout)) return;
    void redis.set(key, JSON.stringify({ state: 'scan', qrcode }), 'EX', qrCodeTtlSeconds).catch(() => undefined);
  };
  const onLogin = () => void redis.set(key, JSON.stringify({ state: 'logged-in' })).catch(() => undefined);
  puppet.on('scan', onScan);
  puppet.on('login', onLogin);
  return () => {
    puppet.off('scan', onScan);
    puppet.off('login', onLogin);
  };
}

export async function readLoginState(redis: Redis, key: string): Promise<LoginState> {
  const text = await redis.get(key);
  return text ? (JSON.parse(text) as LoginState) : { state: 'unknown' };
}
