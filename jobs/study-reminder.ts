import { createStudyReminders } from '../src/domain/study/create-study-reminders.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Daily: members who have not said 已学 STUDY_REMINDER_DAYS after a push get their one reminder. */
export const studyReminder: ScheduledJob = {
  name: 'study-reminder',
  description: '学习包推送几天后，提醒还没「已学」的党员一次',
  cron: (config) => config.STUDY_REMINDER_CRON,
  catchUpWithinMs: 12 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const deliveryIds = await createStudyReminders(db, { now: runAt, afterDays: config.STUDY_REMINDER_DAYS });
    await outbox.enqueueDeliveries(deliveryIds);
    return { reminders: deliveryIds.length };
  },
};
