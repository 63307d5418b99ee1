import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import type { Redis } from 'ioredis';
import cron, { type ScheduledTask } from 'node-cron';
import { z } from 'zod';
import { closeWorker } from '../src/queues/close-worker.ts';
import type { JobContext, ScheduledJob } from './scheduled-job.ts';

const queueName = 'schedules';
const runJob = z.object({ runAt: z.string().datetime() });

/**
 * node-cron decides when; BullMQ does the work. Each run is a job whose id is the schedule and
 * the minute it was due (e.g. silent-scan-20261124-1930), so two scheduler instances, or a
 * restart, run it once; finished ids are kept 60 days to make that hold. At start-up the last
 * due run of each schedule is enqueued too if still useful (catch-up): if it already ran, its id
 * is taken and nothing happens.
 */
export class Scheduler {
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private tasks: ScheduledTask[] = [];

  constructor(
    private readonly options: {
      connection: Redis;
      workerConnection: ConnectionOptions;
      prefix: string;
      jobs: readonly ScheduledJob[];
      context: JobContext;
      now: () => Date;
    },
  ) {
    this.queue = new Queue(queueName, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 30_000 },
        removeOnComplete: { age: 60 * 24 * 3600 },
        removeOnFail: { age: 60 * 24 * 3600 },
      },
    });
  }

  async start(): Promise<void> {
    const { context, jobs, workerConnection: connection, prefix } = this.options;
    const byName = new Map(jobs.map((job) => [job.name, job]));
    this.worker = new Worker(
      queueName,
      async (job) => {
        const definition = byName.get(job.name);
        if (!definition) throw new Error(`unknown scheduled job ${job.name}`);
        const result = await definition.run(context, new Date(runJob.parse(job.data).runAt));
        context.log.info({ job: job.id, result }, 'scheduled job finished');
        return result;
      },
      { connection, prefix, concurrency: 1 },
    );
    this.worker.on('failed', (job, error) => context.log.error({ job: job?.id, err: error.message }, 'scheduled job failed'));
    for (const job of jobs) await this.catchUp(job);
    const timezone = context.config.APP_TIME_ZONE;
    this.tasks = jobs.map((job) =>
      cron.schedule(job.cron(context.config), () => this.enqueue(job.name, dueMinute(this.options.now())), {
        name: job.name,
        timezone,
        noOverlap: true,
      }),
    );
  }

  /** Enqueues the run of `name` due at `runAt`; a second call for the same minute does nothing. */
  async enqueue(name: string, runAt: Date): Promise<void> {
    const stamp = runAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    await this.queue.add(name, { runAt: runAt.toISOString() }, { jobId: `${name}-${stamp}` });
  }

  private async catchUp(job: ScheduledJob): Promise<void> {
    const now = this.options.now();
    const due = previousRun(job.cron(this.options.context.config), this.options.context.config.APP_TIME_ZONE, now);
    if (due && now.getTime() - due.getTime() <= job.catchUpWithinMs) await this.enqueue(job.name, due);
  }

  async close(): Promise<void> {
    const log = this.options.context.log;
    log.debug({ step: 'cron tasks' }, 'scheduler stopping');
    await Promise.all(this.tasks.map((task) => task.destroy()));
    log.debug({ step: 'worker' }, 'scheduler stopping');
    if (this.worker) await closeWorker(this.worker);
    log.debug({ step: 'queue' }, 'scheduler stopping');
    await this.queue.close();
  }
}

/** The last time `expression` was due at or before `now`. */
export function previousRun(expression: string, timeZone: string, now: Date): Date | null {
  const next = CronExpressionParser.parse(expression, { currentDate: new Date(now.getTime() + 1000), tz: timeZone });
  return next.hasPrev() ? next.prev().toDate() : null;
}

export function nextRun(expression: string, timeZone: string, now: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: now, tz: timeZone }).next().toDate();
}

function dueMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}
