import type { Db } from '../../db/client.ts';

export interface SuggestionRecord {
  total: number;
  adopted: number;
  /** The latest few, with the answer when there is one. */
  latest: { id: number; text: string; replyText: string | null; adopted: boolean }[];
}

/** 我的: a member's own 建议, how many were adopted, and the answers to the latest. */
export async function getSuggestionRecord(db: Db, options: { memberId: number; latest: number }): Promise<SuggestionRecord> {
  const { memberId } = options;
  const [total, adopted, latest] = await Promise.all([
    db.suggestion.count({ where: { memberId } }),
    db.suggestion.count({ where: { memberId, adoptedAt: { not: null } } }),
    db.suggestion.findMany({
      where: { memberId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.latest,
      select: { id: true, text: true, replyText: true, adoptedAt: true },
    }),
  ]);
  return { total, adopted, latest: latest.map(({ adoptedAt, ...row }) => ({ ...row, adopted: adoptedAt !== null })) };
}
