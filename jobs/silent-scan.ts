import { scanSilentMembers } from '../src/domain/care/scan-silent-members.ts';
import { proactiveBudgets } from '../src/delivery/proactive-budgets.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/**
 * The daily silent-member scan (default 19:30, when drivers rest): nudges members silent for
 * SILENT_AFTER_DAYS, flags 疑似失联 after LOST_CONTACT_AFTER_NUDGES unanswered nudges and
 * LOST_CONTACT_AFTER_DAYS of silence, and alerts their secretaries. The nudges are ordinary
 * proactive deliveries: held in quiet hours, counted toward the daily cap — and no more of them are
 * written than the accounts can send before the next scan (proactiveBudgets); the rest are counted
 * and come first the next evening.
 */
export const silentScan: ScheduledJob = {
  name: 'silent-scan',
  description: '问候久无动态的党员，标记疑似失联并告知书记',
  cron: (config) => config.SILENT_SCAN_CRON,
  // Caught up after a restart the same evening; later, the next evening's run does the work.
  catchUpWithinMs: 3 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const result = await scanSilentMembers(db, {
      now: runAt,
      silentAfterDays: config.SILENT_AFTER_DAYS,
      nudgeIntervalDays: config.NUDGE_INTERVAL_DAYS,
      lostAfterNudges: config.LOST_CONTACT_AFTER_NUDGES,
      lostAfterDays: config.LOST_CONTACT_AFTER_DAYS,
      timeZone: config.APP_TIME_ZONE,
      budget: await proactiveBudgets(db, { now: runAt, config }),
    });
    await outbox.enqueueDeliveries(result.alertDeliveryIds);
    await outbox.enqueueDeliveries(result.nudgeDeliveryIds, { care: true });
    return {
      escalated: result.escalated,
      nudged: result.nudged,
      leftForNextScan: result.leftForNextScan,
      alerted: result.alerted,
      alertMessages: result.alertMessages,
      queued: result.alertDeliveryIds.length + result.nudgeDeliveryIds.length,
    };
  },
};
