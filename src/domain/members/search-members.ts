import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import type { MemberStatus } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

/** 疑似失联 and 正常 are member statuses; 未绑定 is a member without a bound WeChat. */
export type MemberFilterStatus = MemberStatus | 'UNBOUND';

export interface MemberListRow {
  id: number;
  name: string;
  organizationPath: string;
  status: MemberStatus;
  bound: boolean;
  residence: string | null;
  workplace: string | null;
  lastActiveAt: Date | null;
  tags: string[];
}

/**
 * The console's member list: members of an organisation and below, optionally by name (part of
 * it), status and tag, by name. One query for the page and the total.
 */
export async function searchMembers(
  db: Db,
  options: { organizationPath: string; name?: string | undefined; status?: MemberFilterStatus | undefined; tag?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; members: MemberListRow[] }> {
  const conditions = [withinOrganizationSql('o.path', options.organizationPath)];
  if (options.name) conditions.push(Prisma.sql`strpos(m.name, ${options.name}) > 0`);
  if (options.status === 'UNBOUND') conditions.push(Prisma.sql`w."memberId" IS NULL`);
  else if (options.status) conditions.push(Prisma.sql`m.status = ${options.status}::"MemberStatus"`);
  if (options.tag) conditions.push(Prisma.sql`${options.tag} = ANY (m.tags)`);
  const rows = await db.$queryRaw<(Omit<MemberListRow, 'organizationPath'> & { organization_path: string; total: bigint })[]>`
    SELECT m.id, m.name, o.path AS organization_path, m.status, w."memberId" IS NOT NULL AS bound, m.residence, m.workplace,
      m."lastActiveAt", m.tags, count(*) OVER () AS total
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    LEFT JOIN "WechatContact" w ON w."memberId" = m.id
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY m.name, m.id
    LIMIT ${options.limit} OFFSET ${options.offset}`;
  return {
    total: Number(rows[0]?.total ?? 0),
    members: rows.map(({ organization_path, total: _total, ...row }) => ({ ...row, organizationPath: organization_path })),
  };
}
