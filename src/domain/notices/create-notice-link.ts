import type { Db } from '../../db/client.ts';
import { hashSecretToken, newSecretToken } from '../console/secret-token.ts';

/**
 * A read-only link to one message's whole text, for a template message that shows only 20
 * characters a field: a 256-bit token (only its hash is kept) that opens this text until it expires.
 */
export async function createNoticeLink(db: Db, options: { text: string; expiresAt: Date }): Promise<string> {
  const token = newSecretToken();
  await db.noticeLink.create({ data: { tokenHash: hashSecretToken(token), text: options.text, expiresAt: options.expiresAt } });
  return token;
}
