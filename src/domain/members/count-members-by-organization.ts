import type { Db } from '../../db/client.ts';
import { dayToDate } from '../shared/local-day.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface OrganizationMemberCounts {
  organizationId: number;
  path: string;
  /** The organisation's own secretaries and admins (counted apart: they lead it, they are not its members). */
  leaders: boolean;
  members: number;
  /** With a bound WeChat. */
  bound: number;
  /** Active (not 疑似失联) and silent since `silentSince` (never active: since they were put on the roster). */
  silent: number;
  /** 疑似失联. */
  lost: number;
  /** Checked in on the local day `checkedInOn`. */
  checkedIn: number;
}

/**
 * Member counts of every organisation at or below `organizationPath` that has members, each for
 * its own members only (callers roll them up the tree), and how many checked in on a day; its
 * secretaries and admins in a row of their own. One pass over the members in scope.
 */
export async function countMembersByOrganization(
  db: Db,
  options: { organizationPath: string; silentSince: Date; checkedInOn: string },
): Promise<OrganizationMemberCounts[]> {
  const rows = await db.$queryRaw<
    { organization_id: number; path: string; leaders: boolean; members: bigint; bound: bigint; silent: bigint; lost: bigint; checked_in: bigint }[]
  >`
    SELECT o.id AS organization_id, o.path, m.role <> 'MEMBER' AS leaders, count(*) AS members, count(w."memberId") AS bound, count(c."memberId") AS checked_in,
      count(*) FILTER (WHERE m.status = 'ACTIVE' AND COALESCE(m."lastActiveAt", m."createdAt") < ${options.silentSince}) AS silent,
      count(*) FILTER (WHERE m.status = 'LOST_CONTACT') AS lost
    FROM "Organization" o
    JOIN "Member" m ON m."organizationId" = o.id
    LEFT JOIN "WechatContact" w ON w."memberId" = m.id
    LEFT JOIN "CheckIn" c ON c."memberId" = m.id AND c.day = ${dayToDate(options.checkedInOn)}
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    GROUP BY o.id, o.path, m.role <> 'MEMBER'`;
  return rows.map((row) => ({
    organizationId: row.organization_id,
    path: row.path,
    leaders: row.leaders,
    members: Number(row.members),
    bound: Number(row.bound),
    silent: Number(row.silent),
    lost: Number(row.lost),
    checkedIn: Number(row.checked_in),
  }));
}
