import type { Db } from '../../db/client.ts';
import { localYear } from '../shared/local-year.ts';

/** 我的: the service hours a member earned this year, each activity they attended (签到 with its code) crediting its 时长. */
export async function getVolunteerHours(db: Db, options: { memberId: number; now: Date; timeZone: string }): Promise<{ hours: number; activities: number }> {
  const { from, to } = localYear(options.now, options.timeZone);
  const [row] = await db.$queryRaw<{ minutes: bigint | null; activities: bigint }[]>`
    SELECT sum(a."durationMinutes") AS minutes, count(*) AS activities
    FROM "Attendance" at JOIN "Activity" a ON a.id = at."activityId"
    WHERE at."memberId" = ${options.memberId} AND at.at >= ${from} AND at.at < ${to}`;
  return { hours: Number(row?.minutes ?? 0) / 60, activities: Number(row?.activities ?? 0) };
}
