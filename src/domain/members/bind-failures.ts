import type { Db } from '../../db/client.ts';

/** Failed 绑定 a contact may make in 24 hours: enough for typos, far too few to guess 4 digits. */
export const bindFailuresPerDay = 5;
const dayMs = 24 * 3600_000;

/** Whether the contact has used up its failed binds of the last 24 hours (kept in PostgreSQL: a restart forgets nothing). */
export async function hasTooManyBindFailures(db: Db, options: { contactId: string; now: Date }): Promise<boolean> {
  const { contactId, now } = options;
  const recent = await db.bindFailure.count({ where: { contactId, at: { gt: new Date(now.getTime() - dayMs) } } });
  return recent >= bindFailuresPerDay;
}

/** Records a failed 绑定 (who and when, nothing of what was typed); rows older than a day are dropped on the way. */
export async function recordBindFailure(db: Db, options: { contactId: string; now: Date }): Promise<void> {
  const { contactId, now } = options;
  await db.$transaction([
    db.bindFailure.deleteMany({ where: { contactId, at: { lte: new Date(now.getTime() - dayMs) } } }),
    db.bindFailure.create({ data: { contactId, at: now } }),
  ]);
}
