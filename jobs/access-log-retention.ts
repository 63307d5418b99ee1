import { accessLogRetentionDays, pruneAccessLog } from '../src/domain/access-log/prune-access-log.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Nightly: 操作日志 entries older than a year are deleted. */
export const accessLogRetention: ScheduledJob = {
  name: 'access-log-retention',
  description: `删除 ${accessLogRetentionDays} 天前的操作日志`,
  cron: () => '20 4 * * *',
  // A missed night is done the next morning; a later run takes everything older all the same.
  catchUpWithinMs: 24 * 3600_000,
  run: ({ db }, runAt) => pruneAccessLog(db, { now: runAt }),
};
