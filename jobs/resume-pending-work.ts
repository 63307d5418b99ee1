import type { Db } from '../src/db/client.ts';
import type { Outbox } from '../src/delivery/outbox.ts';
import type { ActivityReminders } from './activity-reminders.ts';

/**
 * Puts back on the queues what the database says is still to do: deliveries still QUEUED
 * and the reminders of open activities. Their job ids are deterministic, so work already
 * queued is not queued twice. This closes the gap when a process died (or Redis refused a
 * write) between writing a broadcast and queueing it. Runs at start-up and on a schedule.
 */
export async function resumePendingWork(options: {
  db: Db;
  outbox: Outbox;
  reminders: ActivityReminders;
  now: Date;
}): Promise<{ deliveries: number; activities: number }> {
  const { db, outbox, reminders, now } = options;
  const queued = await db.delivery.findMany({ where: { status: 'QUEUED' }, select: { id: true }, orderBy: { id: 'asc' } });
  await outbox.enqueueDeliveries(queued.map((delivery) => delivery.id));
  const upcoming = await db.activity.findMany({ where: { status: 'OPEN', startsAt: { gt: now } }, select: { id: true, startsAt: true } });
  for (const activity of upcoming) await reminders.schedule(activity);
  return { deliveries: queued.length, activities: upcoming.length };
}
