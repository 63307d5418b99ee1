import { createStudyReminders } from '../src/domain/study/create-study-reminders.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Daily: members who have not said 已学 STUDY_REMINDER_DAYS after a push get their one reminder. */
export const studyReminder: ScheduledJob = {
  name: 'study-reminder',
  description: 'one reminder to members who have not said 已学 some days after a 学习包 push',
  cron: (config) => config.STUDY_REMINDER_CRON,
  catchUpWithinMs: 12 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const deliveryIds = await createStudyReminders(db, { now: runAt, afterDays: config.STUDY_REMINDER_DAYS });
    await outbox.enqueueDeliveries(deliveryIds);
    return { reminders: deliveryIds.length };
  },
};
