import type { Db } from '../../db/client.ts';

/** How long the 操作日志 is kept: a year, long enough for a yearly review of who read what. */
export const accessLogRetentionDays = 365;

/** Deletes access-log entries older than accessLogRetentionDays. */
export async function pruneAccessLog(db: Db, options: { now: Date }): Promise<{ deleted: number }> {
  const before = new Date(options.now.getTime() - accessLogRetentionDays * 24 * 3600_000);
  const { count } = await db.accessLog.deleteMany({ where: { at: { lt: before } } });
  return { deleted: count };
}
