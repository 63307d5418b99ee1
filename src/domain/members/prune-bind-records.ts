import type { Db } from '../../db/client.ts';

/** Failed binds are kept this long: the limits look back 24 hours, the rest is for a look after an incident. */
export const bindFailureRetentionDays = 3;

/** Nightly: failed binds older than `bindFailureRetentionDays` and bind codes expired or used before then go. */
export async function pruneBindRecords(db: Db, options: { now: Date }): Promise<{ failures: number; codes: number }> {
  const before = new Date(options.now.getTime() - bindFailureRetentionDays * 24 * 3600_000);
  const failures = await db.bindFailure.deleteMany({ where: { at: { lt: before } } });
  const codes = await db.bindCode.deleteMany({ where: { OR: [{ expiresAt: { lt: options.now } }, { usedAt: { lt: before } }] } });
  return { failures: failures.count, codes: codes.count };
}
