import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import { isRowId } from '../shared/row-id.ts';

export type ReplyResult =
  | { outcome: 'not-found' }
  | { outcome: 'already-replied' }
  /** The delivery to queue; null when the member has no bound WeChat (the reply is kept, and shown as undeliverable). */
  | { outcome: 'replied'; deliveryId: number | null };

/**
 * A secretary's reply to a 建议, from the console: kept with the suggestion and sent to the
 * member in a direct chat as a one-recipient broadcast (the outbox paces it like any other).
 * One reply per suggestion, so a double click sends nothing twice. Not-found outside `scopePath`.
 */
export async function replyToSuggestion(
  db: Db,
  options: { suggestionId: number; scopePath: string; secretaryId: number; text: string; now: Date },
): Promise<ReplyResult> {
  const { suggestionId, secretaryId, now } = options;
  if (!isRowId(suggestionId)) return { outcome: 'not-found' };
  const suggestion = await db.suggestion.findUnique({
    where: { id: suggestionId },
    select: { text: true, memberId: true, organizationId: true, organization: { select: { path: true } }, member: { select: { contact: { select: { id: true } } } } },
  });
  if (!suggestion || !isWithinOrganization(suggestion.organization.path, options.scopePath)) return { outcome: 'not-found' };
  return db.$transaction(async (tx) => {
    const claimed = await tx.suggestion.updateMany({
      where: { id: suggestionId, repliedAt: null },
      data: { replyText: options.text, repliedAt: now, repliedById: secretaryId },
    });
    if (claimed.count === 0) return { outcome: 'already-replied' as const };
    const quoted = suggestion.text.length > 30 ? `${suggestion.text.slice(0, 30)}…` : suggestion.text;
    const contactId = suggestion.member.contact?.id ?? null;
    const broadcast = await tx.broadcast.create({
      data: {
        kind: 'SUGGESTION_REPLY',
        status: 'CONFIRMED',
        organizationId: suggestion.organizationId,
        text: `【建议回复】您提的建议「${quoted}」，书记回复：\n${options.text}`,
        key: `suggestion-reply-${suggestionId}`,
        createdById: secretaryId,
        confirmedAt: now,
        deliveries: {
          create: {
            memberId: suggestion.memberId,
            conversationId: contactId,
            capped: false,
            ...(contactId ? {} : { status: 'FAILED' as const, reason: 'no WeChat bound' }),
          },
        },
      },
      select: { deliveries: { select: { id: true } } },
    });
    return { outcome: 'replied' as const, deliveryId: contactId ? broadcast.deliveries[0]!.id : null };
  });
}
