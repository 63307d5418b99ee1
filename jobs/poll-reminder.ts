import { closePolls } from '../src/domain/polls/close-polls.ts';
import { createPollReminders } from '../src/domain/polls/create-poll-reminders.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/**
 * Hourly: members who have not answered a poll closing within a day get their one reminder, and polls
 * past their deadline lose their secret (see closePolls). A scan rather than one delayed job per poll:
 * nothing to schedule on 确认, and a missed hour is caught up by the next.
 */
export const pollReminder: ScheduledJob = {
  name: 'poll-reminder',
  description: '投票截止前一天提醒还没投票的党员一次；已截止的投票删去密钥',
  cron: () => '15 * * * *',
  catchUpWithinMs: 3600_000,
  async run({ db, outbox, config }, runAt) {
    const closed = await closePolls(db, { now: runAt });
    const deliveryIds = await createPollReminders(db, { now: runAt, timeZone: config.APP_TIME_ZONE });
    await outbox.enqueueDeliveries(deliveryIds);
    return { reminders: deliveryIds.length, closed };
  },
};
