import { pushNextStudyPack } from '../src/domain/study/push-next-study-pack.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/**
 * The weekly 学习包 push (default Monday 09:00): the next waiting pack of every organisation that
 * has one goes to its members' direct chats. A run missed while the service was down is caught
 * up the same day; a retried run (same `runAt`) finishes the packs it pushed rather than taking
 * the next ones.
 */
export const studyPush: ScheduledJob = {
  name: 'study-push',
  description: '每周推送各组织队列中的下一个学习包',
  cron: (config) => config.STUDY_PUSH_CRON,
  catchUpWithinMs: 12 * 3600_000,
  async run({ db, outbox }, runAt) {
    const organizations = await db.studyPack.findMany({
      where: { OR: [{ status: 'WAITING' }, { status: 'PUSHED', pushedAt: runAt }] },
      distinct: ['organizationId'],
      select: { organizationId: true },
      orderBy: { organizationId: 'asc' },
    });
    let packs = 0;
    let deliveries = 0;
    for (const { organizationId } of organizations) {
      const pushed = await pushNextStudyPack(db, { organizationId, now: runAt });
      if (!pushed) continue;
      await outbox.enqueueDeliveries(pushed.deliveryIds);
      packs += 1;
      deliveries += pushed.deliveryIds.length;
    }
    return { packs, deliveries };
  },
};
