import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AssistantPart } from '../src/assistant/assistant-part.ts';
import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/client.ts';
import type { Outbox } from '../src/delivery/outbox.ts';
import type { Logger } from '../src/log.ts';
import { closeWorker } from '../src/queues/close-worker.ts';
import { workerConnection } from '../src/queues/redis.ts';
import { ActivityReminders, createActivityReminderWorker } from './activity-reminders.ts';
import { scheduledJobs } from './all-jobs.ts';
import { resumePendingWork } from './resume-pending-work.ts';
import type { JobContext } from './scheduled-job.ts';
import { Scheduler } from './scheduler.ts';

/**
 * Work the bot does on its own: activity reminders (delayed jobs) and the cron schedules.
 * Its start-up resume puts work back on the outbox, so it starts after delivery.
 */
export class SchedulesPart implements AssistantPart {
  readonly name = 'schedules';
  readonly reminders: ActivityReminders;
  /** What scheduled jobs work with; tests run a job's `run` with it at a time of their choosing. */
  readonly jobContext: JobContext;
  private worker: Worker | undefined;
  private scheduler: Scheduler | undefined;

  constructor(
    private readonly options: {
      config: Config;
      connection: Redis;
      db: Db;
      outbox: Outbox;
      now: () => Date;
      log: Logger;
      /** Run the cron schedules (tests turn them off and run a job at a time of their choosing). */
      cron: boolean;
    },
  ) {
    const { config, connection, db, outbox, now, log } = options;
    this.reminders = new ActivityReminders({
      connection,
      prefix: config.QUEUE_PREFIX,
      times: { reminderMinutes: config.ACTIVITY_REMINDER_MINUTES, followUpMinutes: config.ACTIVITY_FOLLOW_UP_MINUTES },
      now,
    });
    this.jobContext = { db, outbox, reminders: this.reminders, config, log };
  }

  async start(): Promise<void> {
    const { config, connection, db, outbox, now, log } = this.options;
    const workerRedis = workerConnection(config.REDIS_URL);
    const prefix = config.QUEUE_PREFIX;
    this.worker = createActivityReminderWorker({ connection: workerRedis, prefix, db, outbox, timeZone: config.APP_TIME_ZONE, now, log });
    await this.worker.waitUntilReady();
    // Always at start-up, whatever the schedule says: a crash is exactly when queued work was lost.
    log.info({ result: await resumePendingWork.run(this.jobContext, now()) }, 'pending work resumed at start-up');
    if (!this.options.cron) return;
    this.scheduler = new Scheduler({ connection, workerConnection: workerRedis, prefix, jobs: scheduledJobs, context: this.jobContext, now });
    await this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler?.close();
    if (this.worker) await closeWorker(this.worker);
    await this.reminders.close();
  }
}
