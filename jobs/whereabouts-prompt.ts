import { createWhereaboutsPrompts } from '../src/domain/whereabouts/create-whereabouts-prompts.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/**
 * The quarterly whereabouts question (default 1 Jan / Apr / Jul / Oct, 10:00): members whose
 * whereabouts are older than WHEREABOUTS_STALE_DAYS get one message asking 是 or the new one.
 * Ordinary proactive deliveries: capped, held in quiet hours.
 */
export const whereaboutsPrompt: ScheduledJob = {
  name: 'whereabouts-prompt',
  description: 'ask members with old whereabouts (去向) whether they still hold',
  cron: (config) => config.WHEREABOUTS_CRON,
  // A quarter's question is still worth asking a few days late.
  catchUpWithinMs: 3 * 24 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const result = await createWhereaboutsPrompts(db, { now: runAt, staleDays: config.WHEREABOUTS_STALE_DAYS, timeZone: config.APP_TIME_ZONE });
    await outbox.enqueueDeliveries(result.deliveryIds);
    return { prompted: result.prompted, queued: result.deliveryIds.length };
  },
};
