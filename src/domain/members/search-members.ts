import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import type { MemberStatus } from '../../generated/prisma/client.ts';
import { withinFlockSql, withinOrganizationSql } from '../shared/organization-scope.ts';

/**
 * The console's filters, combined with AND: 14 天无动态 (silent: as 未签到, leave aside), 疑似失联,
 * 请假中, 未绑定 (no bound WeChat), 结对 (has a contact person), 求职中 (a job seeker still looking).
 */
export const memberFilters = ['silent', 'lost', 'leave', 'unbound', 'paired', 'seeking'] as const;
export type MemberFilter = (typeof memberFilters)[number];

/** By name; by 最近动态, the latest first; or the longest silent first (never active first of all). */
export const memberOrders = ['name', 'recent', 'quiet'] as const;
export type MemberOrder = (typeof memberOrders)[number];

export interface MemberListRow {
  id: number;
  name: string;
  phone: string;
  organizationPath: string;
  status: MemberStatus;
  /** On leave (请假) at `now`: until then. */
  leaveUntil: Date | null;
  bound: boolean;
  residence: string | null;
  workplace: string | null;
  lastActiveAt: Date | null;
  tags: string[];
  contactPerson: { name: string; phone: string } | null;
  lastVisitAt: Date | null;
}

interface Row {
  id: number;
  name: string;
  phone: string;
  organization_path: string;
  status: MemberStatus;
  leave_until: Date | null;
  bound: boolean;
  residence: string | null;
  workplace: string | null;
  last_active_at: Date | null;
  tags: string[];
  contact_name: string | null;
  contact_phone: string | null;
  last_visit_at: Date | null;
}

/**
 * The console's member list (党员, and the lists of 关心关爱): members of an organisation and below,
 * optionally by name (part of it), tag and filters. Contact person and last visit are read for the
 * page only.
 */
export async function searchMembers(
  db: Db,
  options: {
    organizationPath: string;
    name?: string | undefined;
    tag?: string | undefined;
    filters?: readonly MemberFilter[];
    order?: MemberOrder;
    /** 14 天无动态: silent since then. */
    silentSince: Date;
    now: Date;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; members: MemberListRow[] }> {
  const { organizationPath, now } = options;
  const filters = new Set(options.filters ?? []);
  // 14 天无动态 is 未签到's list: the flock (the scope's own leaders aside), nobody on leave.
  const conditions = [filters.has('silent') ? withinFlockSql(organizationPath) : withinOrganizationSql('o.path', organizationPath)];
  if (options.name) conditions.push(Prisma.sql`strpos(m.name, ${options.name}) > 0`);
  if (options.tag) conditions.push(Prisma.sql`${options.tag} = ANY (m.tags)`);
  if (filters.has('silent')) {
    conditions.push(Prisma.sql`(m."lastActiveAt" IS NULL OR m."lastActiveAt" <= ${options.silentSince}) AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})`);
  }
  if (filters.has('lost')) conditions.push(Prisma.sql`m.status = 'LOST_CONTACT'`);
  if (filters.has('leave')) conditions.push(Prisma.sql`m."leaveUntil" > ${now}`);
  if (filters.has('unbound')) conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL)`);
  if (filters.has('paired')) conditions.push(Prisma.sql`m."contactPersonId" IS NOT NULL`);
  if (filters.has('seeking')) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "JobSeeker" j WHERE j."memberId" = m.id AND j.status = 'SEEKING')`);
  const where = Prisma.join(conditions, ' AND ');
  // The total apart from the page: a window count would keep every matching row for the sort, where
  // the page alone needs only the first `offset + limit` (a top-N sort).
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT m.id, m.name, m.phone, o.path, m.status, m."leaveUntil", m.residence, m.workplace, m."lastActiveAt", m.tags, m."contactPersonId"
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE ${where}
      ORDER BY ${orderSql('m', options.order)}
      LIMIT ${options.limit} OFFSET ${options.offset}
    )
    SELECT p.id, p.name, p.phone, p.path AS organization_path, p.status,
      CASE WHEN p."leaveUntil" > ${now} THEN p."leaveUntil" END AS leave_until,
      EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = p.id AND w."unreachableAt" IS NULL) AS bound,
      p.residence, p.workplace, p."lastActiveAt" AS last_active_at, p.tags, c.name AS contact_name, c.phone AS contact_phone,
      (SELECT max(v.at) FROM "CareVisit" v WHERE v."memberId" = p.id) AS last_visit_at
    FROM page p LEFT JOIN "Member" c ON c.id = p."contactPersonId"
    ORDER BY ${orderSql('p', options.order)}`,
    db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId" WHERE ${where}`,
  ]);
  return {
    total: Number(counted?.total ?? 0),
    members: rows.map((row) => ({
      id: row.id,
      name: row.name,
      phone: row.phone,
      organizationPath: row.organization_path,
      status: row.status,
      leaveUntil: row.leave_until,
      bound: row.bound,
      residence: row.residence,
      workplace: row.workplace,
      lastActiveAt: row.last_active_at,
      tags: row.tags,
      contactPerson: row.contact_name && row.contact_phone ? { name: row.contact_name, phone: row.contact_phone } : null,
      lastVisitAt: row.last_visit_at,
    })),
  };
}

function orderSql(alias: 'm' | 'p', order: MemberOrder = 'name'): Prisma.Sql {
  const t = Prisma.raw(alias);
  if (order === 'recent') return Prisma.sql`${t}."lastActiveAt" DESC NULLS LAST, ${t}.name, ${t}.id`;
  if (order === 'quiet') return Prisma.sql`${t}."lastActiveAt" NULLS FIRST, ${t}.name, ${t}.id`;
  return Prisma.sql`${t}.name, ${t}.id`;
}
