import type { Db } from '../../db/client.ts';
import { senderMemberSelect, toSenderMember, type Sender } from './sender.ts';

/**
 * Loads the senders of a batch of messages, recording contacts the bot has not heard from
 * before (usually none, so the insert is skipped).
 */
export async function loadSenders(db: Db, contactIds: string[]): Promise<Map<string, Sender>> {
  const find = () =>
    db.wechatContact.findMany({
      where: { id: { in: contactIds } },
      select: { id: true, bindPromptedAt: true, member: { select: senderMemberSelect }, speaksFor: { select: senderMemberSelect } },
    });
  let rows = await find();
  if (rows.length < contactIds.length) {
    await db.$executeRaw`
      INSERT INTO "WechatContact" (id) SELECT unnest(${contactIds}::text[]) ON CONFLICT (id) DO NOTHING`;
    rows = await find();
  }
  return new Map(
    rows.map((row) => {
      // A contact on a member's second channel speaks for them as their own contact does.
      const member = row.member ?? row.speaksFor;
      return [row.id, { contactId: row.id, bindPromptedAt: row.bindPromptedAt, member: member ? toSenderMember(member) : null }];
    }),
  );
}
