import type { ActivityStatus } from '../../generated/prisma/client.ts';
import type { AttendanceWindow } from './attendance-book.ts';

export type ActivityPhase = '待确认' | '未开始' | '签到中' | '已结束' | '已取消';

/**
 * Where an activity stands at `now`, from the clock: 未开始 until its check-in window opens, 签到中
 * through the window (the one 签到 <code> counts in: ACTIVITY_CHECK_IN_OPENS / CLOSES_MINUTES), 已结束 after it; 已取消 once cancelled; 待确认 while only previewed. The one
 * status chat (统计), the console and the export show.
 */
export function activityPhase(
  activity: { status: ActivityStatus; startsAt: Date },
  now: Date,
  window: AttendanceWindow,
): ActivityPhase {
  if (activity.status === 'CANCELLED') return '已取消';
  if (activity.status === 'DRAFT') return '待确认';
  const start = activity.startsAt.getTime();
  if (now.getTime() < start - window.opensMinutes * 60_000) return '未开始';
  if (now.getTime() <= start + window.closesMinutes * 60_000) return '签到中';
  return '已结束';
}
