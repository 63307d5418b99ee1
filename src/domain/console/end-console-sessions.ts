import type { Db } from '../../db/client.ts';
import { hashSecretToken } from './secret-token.ts';

/**
 * Logs out: one session (the console's 退出 button), or every session of a member (退出后台 in
 * WeChat, which cannot know which browser). Returns how many were open.
 */
export async function endConsoleSessions(
  db: Db,
  options: { now: Date } & ({ sessionId: string } | { memberId: number }),
): Promise<number> {
  const where = 'sessionId' in options ? { idHash: hashSecretToken(options.sessionId) } : { memberId: options.memberId };
  const ended = await db.consoleSession.updateMany({ where: { ...where, endedAt: null }, data: { endedAt: options.now } });
  return ended.count;
}
