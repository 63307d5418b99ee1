import { nextRun } from '../../jobs/scheduler.ts';
import { formatActivityTime } from '../domain/activity-text.ts';
import { loadConfig } from '../config.ts';

/**
 * When the weekly 学习包 push (jobs/study-push.ts) will send the pack at place `position` in the
 * queue, e.g. 12月7日（周一）9:00 — or null if the schedule cannot be read.
 *
 * CommandContext carries no configuration, so STUDY_PUSH_CRON is read from the environment,
 * where the assistant reads it unless given a config object (src/plugin.ts). An assistant
 * started with a different STUDY_PUSH_CRON in code than in the environment would announce the
 * environment's schedule here; the push itself always follows the assistant's config.
 */
export function studyPushTime(options: { now: Date; timeZone: string; position: number }): string | null {
  let cron: string;
  try {
    cron = loadConfig({ STUDY_PUSH_CRON: process.env.STUDY_PUSH_CRON }).STUDY_PUSH_CRON;
  } catch {
    return null;
  }
  let at = options.now;
  for (let i = 0; i < Math.max(1, options.position); i += 1) at = nextRun(cron, options.timeZone, at);
  return formatActivityTime(at, options.timeZone);
}
