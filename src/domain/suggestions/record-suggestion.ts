import type { Db } from '../../db/client.ts';
import type { SenderMember } from '../shared/sender.ts';

/** The longest suggestion, in characters (a few paragraphs; longer is refused, not cut). */
export const suggestionTextLimit = 500;

/** 建议: keeps a member's suggestion for their organisation's secretaries. Once per message, even if a batch is retried. */
export async function recordSuggestion(
  db: Db,
  options: { member: SenderMember; text: string; messageId: string; at: Date },
): Promise<void> {
  const { member, text, messageId, at } = options;
  await db.suggestion.createMany({
    data: [{ memberId: member.id, organizationId: member.organizationId, text, messageId, createdAt: at }],
    skipDuplicates: true,
  });
}
