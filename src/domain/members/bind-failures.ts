import type { Db } from '../../db/client.ts';

/** Failed 绑定 a contact may make in 24 hours: enough for typos, far too few to guess 4 digits. */
export const bindFailuresPerDay = 5;
/**
 * Failed 绑定 naming one member, from any contacts, in 24 hours before binding that member by name and
 * digits stops (until a bind code is made for them): many contacts with a few guesses each must not add up.
 */
export const bindFailuresPerMember = 10;
const dayMs = 24 * 3600_000;

/** A member whose binding by name and digits has just stopped: their secretaries are to be told. */
export interface NewlyLockedMember {
  id: number;
  name: string;
  organizationId: number;
}

/** Whether the contact has used up its failed binds of the last 24 hours (kept in PostgreSQL: a restart forgets nothing). */
export async function hasTooManyBindFailures(db: Db, options: { contactId: string; now: Date }): Promise<boolean> {
  const { contactId, now } = options;
  const recent = await db.bindFailure.count({ where: { contactId, at: { gt: new Date(now.getTime() - dayMs) } } });
  return recent >= bindFailuresPerDay;
}

/**
 * Records a failed 绑定 (who and when, and the members it named — nothing of what was typed). A named
 * member with `bindFailuresPerMember` failures in 24 hours is locked; those locked by this failure are
 * returned, once (the lock is set only where it was not).
 */
export async function recordBindFailure(
  db: Db,
  options: { contactId: string; now: Date; namedMemberIds?: number[] },
): Promise<NewlyLockedMember[]> {
  const { contactId, now, namedMemberIds = [] } = options;
  const memberIds: (number | null)[] = namedMemberIds.length > 0 ? namedMemberIds : [null];
  await db.bindFailure.createMany({ data: memberIds.map((memberId) => ({ contactId, memberId, at: now })) });
  const since = new Date(now.getTime() - dayMs);
  const locked: NewlyLockedMember[] = [];
  for (const memberId of namedMemberIds) {
    if ((await db.bindFailure.count({ where: { memberId, at: { gt: since } } })) < bindFailuresPerMember) continue;
    const { count } = await db.member.updateMany({ where: { id: memberId, bindLockedAt: null }, data: { bindLockedAt: now } });
    if (count === 0) continue;
    locked.push(await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { id: true, name: true, organizationId: true } }));
  }
  return locked;
}
