import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../src/db/client.ts';
import type { Outbox } from '../src/delivery/outbox.ts';
import { createActivityReminder } from '../src/domain/activities/create-activity-reminder.ts';
import type { Logger } from '../src/log.ts';

const queueName = 'activity-reminders';

const reminderJob = z.object({
  activityId: z.number().int().positive(),
  kind: z.enum(['REMINDER', 'FOLLOW_UP']),
  minutesBefore: z.number().int().positive(),
});
type ReminderJob = z.infer<typeof reminderJob>;

export interface ReminderTimes {
  /** Minutes before the start when those who said 报名 are reminded (default 1 day and 1 hour). */
  reminderMinutes: number[];
  /** Minutes before the start when invited members who have not answered get one follow-up. */
  followUpMinutes: number;
}

/**
 * Activity reminders: when an activity opens, one delayed job per reminder, with ids made of
 * the activity and the offset, so scheduling twice (a retry, a restart) schedules once; a
 * reminder whose job failed for good is scheduled again (resume-pending-work does it).
 * A reminder whose time has already passed is skipped; one for a cancelled or started
 * activity does nothing when it fires.
 */
export class ActivityReminders {
  private readonly queue: Queue<ReminderJob>;

  constructor(private readonly options: { connection: Redis; prefix: string; times: ReminderTimes; now: () => Date }) {
    this.queue = new Queue<ReminderJob>(queueName, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 10,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
  }

  async schedule(activity: { id: number; startsAt: Date }): Promise<void> {
    const now = this.options.now().getTime();
    const { reminderMinutes, followUpMinutes } = this.options.times;
    const plan = [
      ...reminderMinutes.map((minutes) => ({ kind: 'REMINDER' as const, minutes })),
      { kind: 'FOLLOW_UP' as const, minutes: followUpMinutes },
    ];
    const jobs = plan
      .map(({ kind, minutes }) => ({ kind, minutes, at: activity.startsAt.getTime() - minutes * 60_000 }))
      .filter(({ at }) => at > now)
      .map(({ kind, minutes, at }) => ({
        name: kind,
        data: { activityId: activity.id, kind, minutesBefore: minutes },
        opts: { jobId: `${kind.toLowerCase()}-${activity.id}-${minutes}`, delay: at - now },
      }));
    if (jobs.length === 0) return;
    // A reminder whose job used up its attempts (e.g. in a long database outage) is queued anew while still due.
    const states = await Promise.all(jobs.map((job) => this.queue.getJobState(job.opts.jobId)));
    await Promise.all(jobs.filter((_, i) => states[i] === 'failed').map((job) => this.queue.remove(job.opts.jobId)));
    await this.queue.addBulk(jobs);
  }

  /** The reminders waiting for an activity, for tests and operators: when each fires. */
  async pending(activityId: number): Promise<{ kind: string; firesAt: Date }[]> {
    const jobs = await this.queue.getDelayed();
    return jobs
      .filter((job) => job.data.activityId === activityId)
      .map((job) => ({ kind: job.data.kind, firesAt: new Date(job.timestamp + (job.opts.delay ?? 0)) }))
      .sort((a, b) => a.firesAt.getTime() - b.firesAt.getTime());
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function createActivityReminderWorker(options: {
  connection: ConnectionOptions;
  prefix: string;
  db: Db;
  outbox: Outbox;
  timeZone: string;
  now: () => Date;
  log: Logger;
}): Worker<ReminderJob> {
  const { db, outbox, timeZone, now, log } = options;
  const worker = new Worker<ReminderJob>(
    queueName,
    async (job) => {
      const reminder = reminderJob.parse(job.data);
      const deliveryIds = await createActivityReminder(db, { ...reminder, now: now(), timeZone });
      // Those who said 报名 asked for their reminder: it goes before other deliveries (and before what the account cap put off).
      await outbox.enqueueDeliveries(deliveryIds, { first: reminder.kind === 'REMINDER' });
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'activity reminder failed'));
  return worker;
}
