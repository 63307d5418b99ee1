import type { Db } from '../../db/client.ts';

/**
 * Packs of an organisation waiting for the weekly push (or 立即发送), oldest first: all of them,
 * or — with `throughPackId` — those up to and including that pack, i.e. its place in the queue.
 */
export async function countWaitingStudyPacks(db: Db, options: { organizationId: number; throughPackId?: number }): Promise<number> {
  const { organizationId, throughPackId } = options;
  return db.studyPack.count({
    where: { organizationId, status: 'WAITING', ...(throughPackId === undefined ? {} : { id: { lte: throughPackId } }) },
  });
}
