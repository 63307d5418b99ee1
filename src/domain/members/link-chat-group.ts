import type { Db } from '../../db/client.ts';

/** 绑定本群: check-ins in this group chat now count toward the organisation; the account that heard it posts there. */
export async function linkChatGroup(
  db: Db,
  options: { roomId: string; organizationId: number; now: Date; account: string },
): Promise<void> {
  const { roomId, organizationId, now, account } = options;
  await db.chatGroup.upsert({
    where: { id: roomId },
    create: { id: roomId, organizationId, linkedAt: now, account },
    update: { organizationId, linkedAt: now, account },
  });
}
