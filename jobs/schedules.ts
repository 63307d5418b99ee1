import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../src/log.ts';

export interface Schedule {
  name: string;
  /** node-cron expression, in the configured time zone. */
  cron: string;
  run: () => Promise<unknown>;
}

/**
 * node-cron decides when; the work itself goes through BullMQ with deterministic job ids, so
 * two instances, or a restart, do not do it twice. Returns a function that stops the schedules.
 */
export function startSchedules(schedules: Schedule[], options: { timeZone: string; log: Logger }): () => Promise<void> {
  const tasks: ScheduledTask[] = schedules.map((schedule) =>
    cron.schedule(
      schedule.cron,
      async () => {
        try {
          const result = await schedule.run();
          options.log.info({ schedule: schedule.name, result }, 'scheduled run finished');
        } catch (error) {
          options.log.error({ schedule: schedule.name, err: error }, 'scheduled run failed');
        }
      },
      { name: schedule.name, timezone: options.timeZone, noOverlap: true },
    ),
  );
  return async () => {
    await Promise.all(tasks.map((task) => task.destroy()));
  };
}
