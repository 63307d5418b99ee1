import type { Redis } from 'ioredis';
import * as PUPPET from 'wechaty-puppet';

export { loginQrCodeKey } from './operator-login.ts';

/** How long a QR code is offered: WeChat's expire within a few minutes anyway. */
const qrCodeTtlSeconds = 300;

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
