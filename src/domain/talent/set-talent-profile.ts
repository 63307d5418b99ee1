import type { Db } from '../../db/client.ts';

/** 特长 / 愿意 回村任职: what a member says about themselves for the 两委 talent pool. */
export async function setTalentProfile(db: Db, options: { memberId: number; skills?: string[]; willingToServe?: boolean }): Promise<void> {
  const { memberId, ...data } = options;
  await db.member.update({ where: { id: memberId }, data });
}
