import type { ActivityReminders } from './activity-reminders.ts';
import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/client.ts';
import type { Outbox } from '../src/delivery/outbox.ts';
import type { Logger } from '../src/log.ts';

/** What a scheduled job works with. */
export interface JobContext {
  db: Db;
  outbox: Outbox;
  reminders: ActivityReminders;
  config: Config;
  log: Logger;
}

/**
 * A job the scheduler runs on a cron schedule (Documenso-style definition: name, options, handler).
 * `run` gets the time the run was scheduled for, not the time it happens to start, so a run
 * caught up after a restart does the same work it would have done on time.
 */
export interface ScheduledJob {
  name: string;
  description: string;
  cron: (config: Config) => string;
  /** A run missed while the service was down is caught up at start-up if no older than this. */
  catchUpWithinMs: number;
  run: (ctx: JobContext, runAt: Date) => Promise<unknown>;
}
