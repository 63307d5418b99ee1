import type { Db } from '../../db/client.ts';
import { consoleUserSelect, toConsoleUser, type ConsoleUser } from './console-user.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';

export type RedeemResult =
  | { outcome: 'signed-in'; sessionId: string; user: ConsoleUser }
  /** Unknown, used already, expired, or its member is no longer a secretary. */
  | { outcome: 'refused'; memberId: number | null };

/**
 * Exchanges a login link's token for a new session: the link is marked used in the same
 * statement that checks it (a second click, or two at once, finds it used).
 */
export async function redeemConsoleLoginLink(db: Db, options: { token: string; now: Date }): Promise<RedeemResult> {
  const { now } = options;
  const tokenHash = hashSecretToken(options.token);
  return db.$transaction(async (tx) => {
    const claimed = await tx.consoleLoginLink.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const link = await tx.consoleLoginLink.findUnique({ where: { tokenHash }, select: { member: { select: consoleUserSelect } } });
    const user = link ? toConsoleUser(link.member) : null;
    if (claimed.count === 0 || !user) return { outcome: 'refused', memberId: link?.member.id ?? null };
    const sessionId = newSecretToken();
    await tx.consoleSession.create({ data: { idHash: hashSecretToken(sessionId), memberId: user.memberId, lastSeenAt: now, createdAt: now } });
    return { outcome: 'signed-in', sessionId, user };
  });
}
