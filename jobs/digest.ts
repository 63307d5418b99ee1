import { createWeeklyDigests } from '../src/domain/digest/create-weekly-digests.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Each secretary's weekly digest (default Monday 08:30). */
export const weeklyDigest: ScheduledJob = {
  name: 'digest',
  description: 'weekly digest to every secretary: check-ins, study, activities, silent members',
  cron: (config) => config.DIGEST_CRON,
  catchUpWithinMs: 12 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const deliveryIds = await createWeeklyDigests(db, { now: runAt, timeZone: config.APP_TIME_ZONE, silentAfterDays: config.SILENT_AFTER_DAYS });
    await outbox.enqueueDeliveries(deliveryIds);
    return { digests: deliveryIds.length };
  },
};
