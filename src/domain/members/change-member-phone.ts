import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/**
 * 换号: the member's record moves to their new phone — the same record, so the WeChat binding and
 * all history stay, and the next roster import finds it by the new number. 'taken' when the new
 * number is already on the roster (nothing changes).
 */
export async function changeMemberPhone(db: Db, options: { memberId: number; phone: string }): Promise<'changed' | 'taken'> {
  try {
    await db.member.update({ where: { id: options.memberId }, data: { phone: options.phone } });
    return 'changed';
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'taken';
    throw error;
  }
}
