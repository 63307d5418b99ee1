import type { Db } from '../../db/client.ts';
import { findScopedSuggestion } from './find-scoped-suggestion.ts';
import { notifySuggester, quotedSuggestion } from './notify-suggester.ts';

/** The longest answer to a 建议 (回复建议 in chat, the console's form): the member reads it on a phone. */
export const suggestionReplyLimit = 500;

export type ReplyResult =
  | { outcome: 'not-found' }
  | { outcome: 'already-replied' }
  /** The delivery to queue; null when the member has no bound WeChat (the reply is kept, and shown as undeliverable). */
  | { outcome: 'replied'; deliveryId: number | null };

/**
 * A secretary's reply to a 建议 (console, or 回复建议 in chat): kept with the suggestion and sent to the
 * member in a direct chat through the outbox. One reply per suggestion, so a double click sends
 * nothing twice. Not-found outside `scopePath`.
 */
export async function replyToSuggestion(
  db: Db,
  options: { suggestionId: number; scopePath: string; secretaryId: number; text: string; now: Date },
): Promise<ReplyResult> {
  const { suggestionId, secretaryId, now } = options;
  const suggestion = await findScopedSuggestion(db, options);
  if (!suggestion) return { outcome: 'not-found' };
  return db.$transaction(async (tx) => {
    const claimed = await tx.suggestion.updateMany({
      where: { id: suggestionId, repliedAt: null },
      data: { replyText: options.text, repliedAt: now, repliedById: secretaryId },
    });
    if (claimed.count === 0) return { outcome: 'already-replied' as const };
    const deliveryId = await notifySuggester(tx, {
      suggestion,
      text: `【建议回复】您提的建议「${quotedSuggestion(suggestion.text)}」，书记回复：\n${options.text}`,
      key: `suggestion-reply-${suggestionId}`,
      secretaryId,
      now,
    });
    return { outcome: 'replied' as const, deliveryId };
  });
}
