import { forgetMessageTexts } from '../src/intake/forget-message-texts.ts';
import type { ScheduledJob } from './scheduled-job.ts';

const day = 24 * 3600_000;

/** Nightly: the text of commands older than MESSAGE_TEXT_RETENTION_DAYS is forgotten. */
export const messageTextRetention: ScheduledJob = {
  name: 'message-text-retention',
  description: '删除超过 MESSAGE_TEXT_RETENTION_DAYS 天的指令原文',
  cron: () => '0 4 * * *',
  // A missed night is done the next morning; a later run catches up all the same (it takes everything older).
  catchUpWithinMs: day,
  async run({ db, config }, runAt) {
    const forgotten = await forgetMessageTexts(db, { sentBefore: new Date(runAt.getTime() - config.MESSAGE_TEXT_RETENTION_DAYS * day) });
    return { forgotten };
  },
};
