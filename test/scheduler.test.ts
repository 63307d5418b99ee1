import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../jobs/scheduled-job.ts';
import { nextRun, previousRun, Scheduler } from '../jobs/scheduler.ts';
import { createRedis, workerConnection } from '../src/queues/redis.ts';
import { startHarness, type Harness } from './support/harness.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`);

let h: Harness | undefined;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await h?.stop();
  h = undefined;
});

/** A weekly Monday 09:00 job that records the runs it was asked to do. */
function recordingJob(runs: Date[]): ScheduledJob {
  return {
    name: 'weekly-test',
    description: 'records its runs',
    cron: () => '0 9 * * 1',
    catchUpWithinMs: 12 * 3600_000,
    async run(_ctx, runAt) {
      runs.push(runAt);
    },
  };
}

async function startScheduler(runs: Date[], now: Date): Promise<Scheduler> {
  // Scheduler instances of one deployment: the same database and Redis prefix.
  h ??= await startHarness();
  const connection = createRedis(h.config.REDIS_URL);
  const scheduler = new Scheduler({
    connection,
    workerConnection: workerConnection(h.config.REDIS_URL),
    prefix: h.config.QUEUE_PREFIX,
    jobs: [recordingJob(runs)],
    context: h.plugin.assistant!.jobContext,
    now: () => now,
  });
  await scheduler.start();
  closers.push(async () => {
    await scheduler.close();
    await connection.quit();
  });
  return scheduler;
}

async function settleRuns(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 500));
}

describe('scheduler', () => {
  it('computes the previous and next run in the configured time zone', () => {
    const wednesday = shanghai('2026-11-25T10:00:00');
    expect(previousRun('0 9 * * 1', 'Asia/Shanghai', wednesday)?.toISOString()).toBe(shanghai('2026-11-23T09:00:00').toISOString());
    expect(nextRun('0 9 * * 1', 'Asia/Shanghai', wednesday).toISOString()).toBe(shanghai('2026-11-30T09:00:00').toISOString());
  });

  it('runs a due job once, however many scheduler instances enqueue it', async () => {
    const runs: Date[] = [];
    const monday = shanghai('2026-11-30T09:00:00');
    const first = await startScheduler(runs, new Date(0));
    const second = await startScheduler(runs, new Date(0));

    await Promise.all([first.enqueue('weekly-test', monday), second.enqueue('weekly-test', monday), first.enqueue('weekly-test', monday)]);
    await settleRuns();

    expect(runs.map((run) => run.toISOString())).toEqual([monday.toISOString()]);
  });

  it('catches up a run missed while the service was down, if it is still useful', async () => {
    const runs: Date[] = [];
    // Down over Monday 09:00, back at 14:00: the study push goes out in the afternoon.
    await startScheduler(runs, shanghai('2026-11-30T14:00:00'));
    await settleRuns();
    expect(runs.map((run) => run.toISOString())).toEqual([shanghai('2026-11-30T09:00:00').toISOString()]);

    // A second restart the same day does not run it again.
    await startScheduler(runs, shanghai('2026-11-30T15:00:00'));
    await settleRuns();
    expect(runs).toHaveLength(1);
  });

  it('does not catch up a run that is no longer useful', async () => {
    const runs: Date[] = [];
    await startScheduler(runs, shanghai('2026-12-01T10:00:00')); // Tuesday: Monday's run is 25 h old
    await settleRuns();
    expect(runs).toHaveLength(0);
  });
});
