import type { Db } from '../../db/client.ts';

export type StudyConfirmationResult =
  | { outcome: 'no-pack' }
  | { outcome: 'confirmed' | 'already-confirmed'; studyPack: { id: number; title: string } };

/**
 * 已学 / 学习打卡: confirms the 学习包 the member last received — the pack of the most recent
 * study message sent to them (the pack itself, or its reminder). Once per pack and member.
 * `now` is the message's time: a retried intake batch gets the same answer.
 */
export async function recordStudyConfirmation(db: Db, options: { memberId: number; now: Date }): Promise<StudyConfirmationResult> {
  const { memberId, now } = options;
  const [pack] = await db.$queryRaw<{ id: number; title: string }[]>`
    SELECT p.id, p.title
    FROM "Delivery" d
    JOIN "Broadcast" b ON b.id = d."broadcastId"
    JOIN "StudyPack" p ON p.id = b."studyPackId"
    WHERE d."memberId" = ${memberId} AND d.status = 'SENT'
      AND b.kind IN ('STUDY_PACK', 'STUDY_REMINDER') AND p.status = 'PUSHED'
    ORDER BY d."sentAt" DESC, d.id DESC
    LIMIT 1`;
  if (!pack) return { outcome: 'no-pack' };
  const key = { studyPackId_memberId: { studyPackId: pack.id, memberId } };
  const existing = await db.studyConfirmation.findUnique({ where: key, select: { at: true } });
  if (existing) {
    return { outcome: existing.at.getTime() === now.getTime() ? 'confirmed' : 'already-confirmed', studyPack: pack };
  }
  const { count } = await db.studyConfirmation.createMany({ data: [{ studyPackId: pack.id, memberId, at: now }], skipDuplicates: true });
  return { outcome: count === 1 ? 'confirmed' : 'already-confirmed', studyPack: pack };
}
