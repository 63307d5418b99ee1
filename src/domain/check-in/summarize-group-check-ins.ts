import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';
import { dayToDate, localDay } from '../shared/local-day.ts';

export interface GroupCheckInSummary {
  text: string;
  /** The newest check-in the summary covers; pass it to markGroupCheckInsSummarized. */
  throughCheckInId: number;
}

const namesShown = 20;

/**
 * The one message a group gets after a burst of check-ins:
 * "✅ 签到 12 人：张三、李四… 今日已签到 45/120". Null when nothing new happened.
 * Today's rate counts the group's organisation and its sub-organisations.
 */
export async function summarizeGroupCheckIns(
  db: Db,
  options: { roomId: string; timeZone: string; now: Date },
): Promise<GroupCheckInSummary | null> {
  const group = await db.chatGroup.findUnique({
    where: { id: options.roomId },
    select: { summarizedCheckInId: true, organization: { select: { path: true } } },
  });
  if (!group?.organization) return null;
  const fresh = await db.checkIn.findMany({
    where: { chatGroupId: options.roomId, id: { gt: group.summarizedCheckInId } },
    select: { id: true, member: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  const last = fresh.at(-1);
  if (!last) return null;
  const today = dayToDate(localDay(options.now, options.timeZone));
  const path = group.organization.path;
  const [rate] = await db.$queryRaw<{ checked: bigint; total: bigint }[]>`
    SELECT count(c.id) AS checked, count(*) AS total
    FROM "Member" m
    JOIN "Organization" o ON o.id = m."organizationId"
    LEFT JOIN "CheckIn" c ON c."memberId" = m.id AND c.day = ${today}::date
    WHERE ${withinOrganizationSql('o.path', path)}`;
  const names = fresh.slice(0, namesShown).map((checkIn) => checkIn.member.name);
  const more = fresh.length > namesShown ? `等` : '';
  return {
    text: `✅ 签到 ${fresh.length} 人：${names.join('、')}${more}\n今日已签到 ${rate?.checked ?? 0}/${rate?.total ?? 0}`,
    throughCheckInId: last.id,
  };
}

export async function markGroupCheckInsSummarized(db: Db, options: { roomId: string; throughCheckInId: number }): Promise<void> {
  await db.chatGroup.updateMany({
    where: { id: options.roomId, summarizedCheckInId: { lt: options.throughCheckInId } },
    data: { summarizedCheckInId: options.throughCheckInId },
  });
}
