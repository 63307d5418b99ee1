import type { Prisma } from '../../generated/prisma/client.ts';

/** The start of a suggestion as the member is reminded of it: they may have made several. */
export function quotedSuggestion(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/**
 * One message to the member who made a 建议 (the answer, or the news that it was adopted), as a
 * one-recipient broadcast the outbox paces like any other. `key` makes it once only. Returns the
 * delivery to queue; null when the member has no bound WeChat (kept as FAILED, shown as undeliverable).
 */
export async function notifySuggester(
  tx: Prisma.TransactionClient,
  options: {
    suggestion: { memberId: number; organizationId: number; contactId: string | null };
    text: string;
    key: string;
    secretaryId: number;
    now: Date;
  },
): Promise<number | null> {
  const { suggestion, text, key, secretaryId, now } = options;
  const contactId = suggestion.contactId;
  const broadcast = await tx.broadcast.create({
    data: {
      kind: 'SUGGESTION_REPLY',
      status: 'CONFIRMED',
      organizationId: suggestion.organizationId,
      text,
      key,
      createdById: secretaryId,
      confirmedAt: now,
      deliveries: {
        create: {
          memberId: suggestion.memberId,
          conversationId: contactId,
          // The member asked for an answer: it does not take one of the day's proactive messages.
          capped: false,
          ...(contactId ? {} : { status: 'FAILED' as const, reason: 'no WeChat bound' }),
        },
      },
    },
    select: { deliveries: { select: { id: true } } },
  });
  return contactId ? broadcast.deliveries[0]!.id : null;
}
