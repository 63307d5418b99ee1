import { createWeeklyDigests } from '../src/domain/digest/create-weekly-digests.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Each secretary's weekly digest (default Monday 08:30). */
export const weeklyDigest: ScheduledJob = {
  name: 'digest',
  description: '每周给每位书记发周报：签到、学习、活动、久无动态的党员',
  cron: (config) => config.DIGEST_CRON,
  catchUpWithinMs: 12 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const deliveryIds = await createWeeklyDigests(db, { now: runAt, timeZone: config.APP_TIME_ZONE, silentAfterDays: config.SILENT_AFTER_DAYS });
    await outbox.enqueueDeliveries(deliveryIds);
    return { digests: deliveryIds.length };
  },
};
