import { createContactPersonReminders } from '../src/domain/contact-persons/create-contact-person-reminders.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Members a contact person has recorded no 走访 for in this many days are in that contact person's reminder. */
const contactWithinDays = 30;

/**
 * The weekly reminder to contact persons (结对联系, default Monday 09:30): the members they look after
 * with no visit recorded by them in 30 days. Through the outbox, held in quiet hours.
 */
export const contactPersonReminder: ScheduledJob = {
  name: 'contact-person-reminder',
  description: '提醒结对联系人：30 天没有走访的党员',
  cron: (config) => config.CONTACT_REMINDER_CRON,
  catchUpWithinMs: 24 * 3600_000,
  async run({ db, outbox, config }, runAt) {
    const result = await createContactPersonReminders(db, { now: runAt, days: contactWithinDays, timeZone: config.APP_TIME_ZONE });
    await outbox.enqueueDeliveries(result.deliveryIds);
    return { reminded: result.reminded, queued: result.deliveryIds.length };
  },
};
