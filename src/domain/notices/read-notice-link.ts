import type { Db } from '../../db/client.ts';
import { hashSecretToken } from '../console/secret-token.ts';

/** The text a notice link opens; null for an unknown or expired token (the same answer for both). */
export async function readNoticeLink(db: Db, options: { token: string; now: Date }): Promise<{ text: string; expiresAt: Date } | null> {
  const link = await db.noticeLink.findUnique({ where: { tokenHash: hashSecretToken(options.token) }, select: { text: true, expiresAt: true } });
  return link && link.expiresAt > options.now ? link : null;
}
