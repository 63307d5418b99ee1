import type { Db } from '../../db/client.ts';

/** A group chat the bot sits in; it counts toward an organisation once linked. */
export interface ChatGroupInfo {
  id: string;
  organizationId: number | null;
  organizationPath: string | null;
}

export async function loadChatGroups(db: Db, roomIds: string[]): Promise<Map<string, ChatGroupInfo>> {
  const rows = await db.chatGroup.findMany({
    where: { id: { in: roomIds } },
    select: { id: true, organizationId: true, organization: { select: { path: true } } },
  });
  const groups = new Map<string, ChatGroupInfo>(
    roomIds.map((id) => [id, { id, organizationId: null, organizationPath: null }]),
  );
  for (const row of rows) {
    groups.set(row.id, { id: row.id, organizationId: row.organizationId, organizationPath: row.organization?.path ?? null });
  }
  return groups;
}
