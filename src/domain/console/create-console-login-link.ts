import type { Db } from '../../db/client.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';

/** A login link is good for this long, once. */
export const loginLinkLifetimeMs = 10 * 60_000;

/**
 * 后台: a one-time login token for a secretary or admin. Only its hash is stored; the token
 * itself goes once into the reply to the secretary's direct chat.
 */
export async function createConsoleLoginLink(db: Db, options: { memberId: number; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const expiresAt = new Date(options.now.getTime() + loginLinkLifetimeMs);
  await db.consoleLoginLink.create({ data: { tokenHash: hashSecretToken(token), memberId: options.memberId, expiresAt, createdAt: options.now } });
  return { token, expiresAt };
}
