import type { ScheduledJob } from './scheduled-job.ts';

/**
 * Puts back on the queues what the database says is still to do: deliveries still QUEUED
 * and the reminders of open activities. Their job ids are deterministic, so work already
 * queued is not queued twice, and a delivery whose job ended without sending it (its attempts
 * used up) gets a new one. This closes the gap when a process died (or Redis refused a write)
 * between writing a broadcast and queueing it. Runs at start-up and every 10 minutes; it
 * reports how many deliveries it queued and how many were already queued.
 */
export const resumePendingWork: ScheduledJob = {
  name: 'resume-pending-work',
  description: '把队列中丢失的待发消息和活动提醒重新排队',
  cron: () => '*/10 * * * *',
  catchUpWithinMs: 10 * 60_000,
  async run({ db, outbox, reminders }, runAt) {
    const queued = await db.delivery.findMany({ where: { status: 'QUEUED' }, select: { id: true }, orderBy: { id: 'asc' } });
    const deliveries = await outbox.requeueDeliveries(queued.map((delivery) => delivery.id));
    const upcoming = await db.activity.findMany({ where: { status: 'OPEN', startsAt: { gt: runAt } }, select: { id: true, startsAt: true } });
    for (const activity of upcoming) await reminders.schedule(activity);
    return { deliveries, activities: upcoming.length };
  },
};
