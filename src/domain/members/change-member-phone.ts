import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';

/**
 * 换号: the member's record moves to their new phone — the same record, so the WeChat binding and
 * all history stay, and the next roster import finds it by the new number. When the new number is
 * already on the roster nothing changes: 'taken' when that member is within `scopePath` (the
 * secretary's organisation and below), 'refused' otherwise — the secretary learns nothing of a
 * number outside their reach.
 */
export async function changeMemberPhone(
  db: Db,
  options: { memberId: number; phone: string; scopePath: string },
): Promise<'changed' | 'taken' | 'refused'> {
  try {
    await db.member.update({ where: { id: options.memberId }, data: { phone: options.phone } });
    return 'changed';
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    const holder = await db.member.findUnique({ where: { phone: options.phone }, select: { organization: { select: { path: true } } } });
    return holder && isWithinOrganization(holder.organization.path, options.scopePath) ? 'taken' : 'refused';
  }
}
