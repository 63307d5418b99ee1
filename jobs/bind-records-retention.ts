import { bindFailureRetentionDays, pruneBindRecords } from '../src/domain/members/prune-bind-records.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Nightly: failed binds older than a few days and expired or long-used bind codes are deleted. */
export const bindRecordsRetention: ScheduledJob = {
  name: 'bind-records-retention',
  description: `删除 ${bindFailureRetentionDays} 天前的绑定失败记录和过期的绑定码`,
  cron: () => '10 4 * * *',
  // A missed night is done the next morning; a later run takes everything older all the same.
  catchUpWithinMs: 24 * 3600_000,
  run: ({ db }, runAt) => pruneBindRecords(db, { now: runAt }),
};
