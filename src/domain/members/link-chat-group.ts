import type { Db } from '../../db/client.ts';

/** 绑定本群: check-ins in this group chat now count toward the organisation. */
export async function linkChatGroup(
  db: Db,
  options: { roomId: string; organizationId: number; now: Date },
): Promise<void> {
  const { roomId, organizationId, now } = options;
  await db.chatGroup.upsert({
    where: { id: roomId },
    create: { id: roomId, organizationId, linkedAt: now },
    update: { organizationId, linkedAt: now },
  });
}
