import { createWhereaboutsPrompts } from '../src/domain/whereabouts/create-whereabouts-prompts.ts';
import { proactiveBudgets } from '../src/delivery/proactive-budgets.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/**
 * The whereabouts question (default every working day, 10:00), spread over the quarter: each day the
 * members whose day it is and whose whereabouts are older than WHEREABOUTS_STALE_DAYS get one message
 * asking 是 or the new one — no more than the accounts can send before the next run; the rest are
 * counted and come first the next day. Ordinary proactive deliveries: capped, held in quiet hours,
 * after the broadcasts secretaries confirm.
 */
export const whereaboutsPrompt: ScheduledJob = {
  name: 'whereabouts-prompt',
  description: '在一个季度中分批询问去向已久未更新的党员，去向是否有变',
  cron: (config) => config.WHEREABOUTS_CRON,
  // A day's share is still worth asking a few days late (a later day's run takes it up anyway).
  catchUpWithinMs: 3 * 24 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const result = await createWhereaboutsPrompts(db, {
      now: runAt,
      staleDays: config.WHEREABOUTS_STALE_DAYS,
      timeZone: config.APP_TIME_ZONE,
      budget: await proactiveBudgets(db, { now: runAt, config }),
    });
    await outbox.enqueueDeliveries(result.deliveryIds, { care: true });
    return { prompted: result.prompted, leftForNextRun: result.leftForNextRun, queued: result.deliveryIds.length };
  },
};
