import type { Db } from '../../db/client.ts';
import { countWaitingStudyPacks } from './count-waiting-study-packs.ts';
import { studyPackBroadcastKey, studyPackText } from './study-pack-text.ts';

/**
 * A 学习包 added from the command line: straight into the organisation's queue (WAITING), with
 * its confirmed broadcast, as if previewed and confirmed by `createdById`. Returns its place in the queue.
 */
export async function addStudyPack(
  db: Db,
  options: { organizationId: number; createdById: number; title: string; content: string; now: Date },
): Promise<{ studyPackId: number; position: number }> {
  const { organizationId, createdById, title, content, now } = options;
  const studyPackId = await db.$transaction(async (tx) => {
    const pack = await tx.studyPack.create({
      data: { organizationId, title, content, createdById, status: 'WAITING', createdAt: now },
      select: { id: true },
    });
    await tx.broadcast.create({
      data: {
        kind: 'STUDY_PACK',
        status: 'CONFIRMED',
        key: studyPackBroadcastKey(pack.id),
        organizationId,
        studyPackId: pack.id,
        text: studyPackText({ title, content }),
        createdById,
        createdAt: now,
        confirmedAt: now,
      },
    });
    return pack.id;
  });
  return { studyPackId, position: await countWaitingStudyPacks(db, { organizationId, throughPackId: studyPackId }) };
}
