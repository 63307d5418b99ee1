import type { Db } from '../../db/client.ts';
import { isInvited } from './find-open-activities.ts';
import type { SenderMember } from '../shared/sender.ts';

export interface AttendanceWindow {
  /** 签到 counts from this many minutes before the start… */
  opensMinutes: number;
  /** …until this many after. */
  closesMinutes: number;
}

/** The window as configured (ACTIVITY_CHECK_IN_OPENS_MINUTES / ACTIVITY_CHECK_IN_CLOSES_MINUTES). */
export function attendanceWindowOf(config: { ACTIVITY_CHECK_IN_OPENS_MINUTES: number; ACTIVITY_CHECK_IN_CLOSES_MINUTES: number }): AttendanceWindow {
  return { opensMinutes: config.ACTIVITY_CHECK_IN_OPENS_MINUTES, closesMinutes: config.ACTIVITY_CHECK_IN_CLOSES_MINUTES };
}

interface WindowActivity {
  id: number;
  title: string;
  startsAt: Date;
  checkInCode: string;
  targetTag: string | null;
  organization: { path: string };
}

/** What a 签到 did for the activities whose check-in window is open: titles, attended or not. */
export interface AttendanceOutcome {
  /** Newly recorded as attended (the code matched). */
  attended: string[];
  /** Invited, window open, not attended yet, and no matching code: the member may be elsewhere. */
  missed: string[];
}

/**
 * Attendance for one intake batch: the open activities whose check-in window touches the
 * batch's messages (usually none: one indexed query), and who already attended them.
 * 签到 <现场签到码> during a window counts as attendance at each activity the member is invited to
 * whose code it is: the secretary reads the code out on site, so a 签到 from elsewhere does not count.
 */
export class AttendanceBook {
  private readonly pending: { activityId: number; memberId: number; at: Date }[] = [];

  private constructor(
    private readonly activities: WindowActivity[],
    private readonly attended: Set<string>,
    private readonly window: AttendanceWindow,
  ) {}

  static async load(db: Db, options: { from: Date; to: Date; window: AttendanceWindow }): Promise<AttendanceBook> {
    const { from, to, window } = options;
    const activities = await db.activity.findMany({
      where: {
        status: 'OPEN',
        startsAt: { gte: new Date(from.getTime() - window.closesMinutes * 60_000), lte: new Date(to.getTime() + window.opensMinutes * 60_000) },
      },
      select: { id: true, title: true, startsAt: true, checkInCode: true, targetTag: true, organization: { select: { path: true } } },
    });
    const rows =
      activities.length === 0
        ? []
        : await db.attendance.findMany({ where: { activityId: { in: activities.map((a) => a.id) } }, select: { activityId: true, memberId: true } });
    return new AttendanceBook(activities, new Set(rows.map((row) => key(row.activityId, row.memberId))), window);
  }

  /** Records the member at every activity whose window is open at `at` and whose code is `code` (null: none given). */
  record(member: SenderMember, at: Date, code: string | null): AttendanceOutcome {
    const outcome: AttendanceOutcome = { attended: [], missed: [] };
    for (const activity of this.activities) {
      const opens = activity.startsAt.getTime() - this.window.opensMinutes * 60_000;
      const closes = activity.startsAt.getTime() + this.window.closesMinutes * 60_000;
      if (at.getTime() < opens || at.getTime() > closes || !isInvited(member, activity)) continue;
      if (this.attended.has(key(activity.id, member.id))) continue;
      if (code !== activity.checkInCode) {
        outcome.missed.push(activity.title);
        continue;
      }
      this.attended.add(key(activity.id, member.id));
      this.pending.push({ activityId: activity.id, memberId: member.id, at });
      outcome.attended.push(activity.title);
    }
    return outcome;
  }

  async flush(db: Db): Promise<void> {
    if (this.pending.length === 0) return;
    await db.attendance.createMany({ data: this.pending, skipDuplicates: true });
    this.pending.length = 0;
  }
}

function key(activityId: number, memberId: number): string {
  return `${activityId}|${memberId}`;
}
