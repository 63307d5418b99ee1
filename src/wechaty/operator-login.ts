import type { Redis } from 'ioredis';
import qrcodeTerminal from 'qrcode-terminal';

/**
 * What `npm run login` needs of the login QR code the running bot keeps in Redis — and no more: loading
 * Wechaty and its puppet takes seconds, and the operator is told within a few whether a bot is waiting.
 */

/** The Redis key where a running bot keeps the QR code its puppet wants scanned. */
export function loginQrCodeKey(prefix: string, botName: string): string {
  return `${prefix}:login:${botName}`;
}

export type LoginState = { state: 'scan'; qrcode: string } | { state: 'logged-in' } | { state: 'unknown' };

export async function readLoginState(redis: Redis, key: string): Promise<LoginState> {
  const text = await redis.get(key);
  return text ? (JSON.parse(text) as LoginState) : { state: 'unknown' };
}

/** Prints a login QR code in this terminal, for the operator to scan with the bot's WeChat account. */
export function showLoginQrCode(qrcode: string): void {
  console.log('请用助手要使用的微信号扫描这个二维码登录：');
  qrcodeTerminal.generate(qrcode, { small: true });
}
