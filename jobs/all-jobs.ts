import { bindRecordsRetention } from './bind-records-retention.ts';
import { weeklyDigest } from './digest.ts';
import { accessLogRetention } from './access-log-retention.ts';
import { messageTextRetention } from './message-text-retention.ts';
import { resumePendingWork } from './resume-pending-work.ts';
import type { ScheduledJob } from './scheduled-job.ts';
import { silentScan } from './silent-scan.ts';
import { studyPush } from './study-push.ts';
import { studyReminder } from './study-reminder.ts';
import { whereaboutsPrompt } from './whereabouts-prompt.ts';
import { contactPersonReminder } from './contact-person-reminder.ts';
import { pollReminder } from './poll-reminder.ts';

/** Every scheduled job; `npm run schedules` lists them with their next run. */
export const scheduledJobs: readonly ScheduledJob[] = [weeklyDigest, studyPush, studyReminder, silentScan, whereaboutsPrompt, contactPersonReminder, pollReminder, messageTextRetention, bindRecordsRetention, accessLogRetention, resumePendingWork];
