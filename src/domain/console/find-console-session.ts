import type { Db } from '../../db/client.ts';
import { consoleUserSelect, toConsoleUser, type ConsoleUser } from './console-user.ts';
import { hashSecretToken } from './secret-token.ts';

/** A session unused this long has ended. */
export const sessionIdleLimitMs = 8 * 3600_000;

/** Writing lastSeenAt on every request would be one UPDATE per page; once a minute is exact enough. */
const touchEveryMs = 60_000;

/**
 * The console user behind a session cookie, or null when the session is unknown, ended, idle
 * for 8 hours, or its member is no longer a secretary or admin. Using it keeps it alive.
 */
export async function findConsoleSession(db: Db, options: { sessionId: string; now: Date }): Promise<ConsoleUser | null> {
  const { now } = options;
  const idHash = hashSecretToken(options.sessionId);
  const session = await db.consoleSession.findUnique({
    where: { idHash },
    select: { lastSeenAt: true, endedAt: true, member: { select: consoleUserSelect } },
  });
  if (!session || session.endedAt || now.getTime() - session.lastSeenAt.getTime() > sessionIdleLimitMs) return null;
  const user = toConsoleUser(session.member);
  if (!user) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
    await db.consoleSession.update({ where: { idHash }, data: { lastSeenAt: now } });
  }
  return user;
}
