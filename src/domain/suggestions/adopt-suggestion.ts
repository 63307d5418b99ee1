import type { Db } from '../../db/client.ts';
import { findScopedSuggestion } from './find-scoped-suggestion.ts';
import { notifySuggester, quotedSuggestion } from './notify-suggester.ts';

export type AdoptResult =
  | { outcome: 'not-found' }
  | { outcome: 'already-adopted' }
  /** The delivery to queue; null when the member has no bound WeChat. */
  | { outcome: 'adopted'; deliveryId: number | null };

/** 采纳: marks a 建议 adopted and tells the member, once. Not-found outside `scopePath`. */
export async function adoptSuggestion(
  db: Db,
  options: { suggestionId: number; scopePath: string; secretaryId: number; now: Date },
): Promise<AdoptResult> {
  const { suggestionId, secretaryId, now } = options;
  const suggestion = await findScopedSuggestion(db, options);
  if (!suggestion) return { outcome: 'not-found' };
  return db.$transaction(async (tx) => {
    const claimed = await tx.suggestion.updateMany({
      where: { id: suggestionId, adoptedAt: null },
      data: { adoptedAt: now, adoptedById: secretaryId },
    });
    if (claimed.count === 0) return { outcome: 'already-adopted' as const };
    const deliveryId = await notifySuggester(tx, {
      suggestion,
      text: `【建议采纳】您提的建议「${quotedSuggestion(suggestion.text)}」已被采纳，感谢您为家乡建言献策！`,
      key: `suggestion-adopted-${suggestionId}`,
      secretaryId,
      now,
    });
    return { outcome: 'adopted' as const, deliveryId };
  });
}
