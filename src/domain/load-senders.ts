import type { Db } from '../db/client.ts';
import { senderMemberSelect, toSenderMember, type Sender } from './sender.ts';

/**
 * Loads the senders of a batch of messages in two queries, recording contacts the bot
 * has not heard from before.
 */
export async function loadSenders(db: Db, contactIds: string[]): Promise<Map<string, Sender>> {
  await db.wechatContact.createMany({ data: contactIds.map((id) => ({ id })), skipDuplicates: true });
  const rows = await db.wechatContact.findMany({
    where: { id: { in: contactIds } },
    select: { id: true, bindPromptedAt: true, member: { select: senderMemberSelect } },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      { contactId: row.id, bindPromptedAt: row.bindPromptedAt, member: row.member ? toSenderMember(row.member) : null },
    ]),
  );
}
