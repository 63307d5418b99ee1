import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface MemberOnLeave {
  id: number;
  phone: string;
  name: string;
  organizationPath: string;
  leaveUntil: Date;
  reason: string | null;
}

/** Members of an organisation and below on leave (请假) at `now`, soonest back first; and how many. */
export async function listMembersOnLeave(
  db: Db,
  options: { organizationPath: string; now: Date; limit: number },
): Promise<{ total: number; members: MemberOnLeave[] }> {
  const rows = await db.$queryRaw<{ id: number; phone: string; name: string; path: string; leave_until: Date; reason: string | null; total: bigint }[]>`
    SELECT m.id, m.phone, m.name, o.path, m."leaveUntil" AS leave_until, m."leaveReason" AS reason, count(*) OVER () AS total
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND m."leaveUntil" > ${options.now}
    ORDER BY m."leaveUntil", m.name, m.id
    LIMIT ${options.limit}`;
  return {
    total: Number(rows[0]?.total ?? 0),
    members: rows.map((row) => ({ id: row.id, phone: row.phone, name: row.name, organizationPath: row.path, leaveUntil: row.leave_until, reason: row.reason })),
  };
}
