import { nextRun } from '../../../jobs/scheduler.ts';
import { formatActivityTime } from '../../domain/activities/activity-text.ts';
import type { Config } from '../../config.ts';

/**
 * When the weekly 学习包 push (jobs/study-push.ts) will send the pack at place `position` in the
 * queue, e.g. 12月7日（周一）9:00.
 */
export function studyPushTime(options: { now: Date; config: Config; position: number }): string {
  const { STUDY_PUSH_CRON: cron, APP_TIME_ZONE: timeZone } = options.config;
  let at = options.now;
  for (let i = 0; i < Math.max(1, options.position); i += 1) at = nextRun(cron, timeZone, at);
  return formatActivityTime(at, timeZone);
}
