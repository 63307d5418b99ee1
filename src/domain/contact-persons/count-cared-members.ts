import type { Db } from '../../db/client.ts';

/** How many members this member looks after as their contact person (结对联系). */
export async function countCaredMembers(db: Db, options: { contactPersonId: number }): Promise<number> {
  return db.member.count({ where: { contactPersonId: options.contactPersonId } });
}
