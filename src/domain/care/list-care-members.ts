import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import type { MemberStatus } from '../../generated/prisma/client.ts';
import type { CareMember } from './care-text.ts';
import { withinFlockSql } from '../shared/organization-scope.ts';

export interface CareListMember extends CareMember {
  id: number;
  phone: string;
  status: MemberStatus;
  bound: boolean;
  /** 结对联系: who looks after them, to call first. */
  contactPerson: { name: string; phone: string } | null;
  lastVisitAt: Date | null;
}

export interface CareList {
  total: number;
  /** At most `limit`, longest silent first (never active first of all). */
  members: CareListMember[];
}

interface Row {
  id: number;
  phone: string;
  contact_name: string | null;
  contact_phone: string | null;
  last_visit_at: Date | null;
  name: string;
  organization_path: string;
  last_active_at: Date | null;
  residence: string | null;
  workplace: string | null;
  status: MemberStatus;
  bound: boolean;
  total: bigint;
}

/** What the console shows beside each member: phone, contact person and last visit (m the member, c the contact person). */
const contactColumns = Prisma.sql`m.id, m.phone, c.name AS contact_name, c.phone AS contact_phone,
  (SELECT max(v.at) FROM "CareVisit" v WHERE v."memberId" = m.id) AS last_visit_at`;
const contactPersonJoin = Prisma.sql`LEFT JOIN "Member" c ON c.id = m."contactPersonId"`;

/**
 * 未签到: members of an organisation and its sub-organisations silent since `silentSince` (no
 * message, 签到, 报名 or 已学), or never active; members on leave (请假) at `now` aside. One query: the first `limit` and the total.
 */
export async function listSilentMembers(
  db: Db,
  options: { organizationPath: string; silentSince: Date; now: Date; limit: number },
): Promise<CareList> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${contactColumns}, m.name, o.path AS organization_path, m."lastActiveAt" AS last_active_at, m.residence, m.workplace, m.status,
      EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL) AS bound,
      count(*) OVER () AS total
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId" ${contactPersonJoin}
    WHERE ${withinFlockSql(options.organizationPath)}
      AND (m."lastActiveAt" IS NULL OR m."lastActiveAt" <= ${options.silentSince})
      AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${options.now})
    ORDER BY m."lastActiveAt" NULLS FIRST, m.name, m.id
    LIMIT ${options.limit}`;
  return toList(rows);
}

/**
 * 失联预警: members of an organisation and its sub-organisations who are 疑似失联 (LOST_CONTACT),
 * and those the bot cannot reach (no bound WeChat).
 */
export async function listAtRiskMembers(
  db: Db,
  options: { organizationPath: string; limit: number },
): Promise<{ lost: CareList; unreachable: CareList }> {
  const inScope = withinFlockSql(options.organizationPath);
  const [lost, unreachable] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT ${contactColumns}, m.name, o.path AS organization_path, m."lastActiveAt" AS last_active_at, m.residence, m.workplace, m.status,
        EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL) AS bound,
        count(*) OVER () AS total
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId" ${contactPersonJoin}
      WHERE ${inScope} AND m.status = 'LOST_CONTACT'
      ORDER BY m."lastActiveAt" NULLS FIRST, m.name, m.id
      LIMIT ${options.limit}`,
    db.$queryRaw<Row[]>`
      SELECT ${contactColumns}, m.name, o.path AS organization_path, m."lastActiveAt" AS last_active_at, m.residence, m.workplace, m.status,
        false AS bound, count(*) OVER () AS total
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId" ${contactPersonJoin}
      WHERE ${inScope} AND m.status = 'ACTIVE'
        AND NOT EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id AND w."unreachableAt" IS NULL)
      ORDER BY m."lastActiveAt" NULLS FIRST, m.name, m.id
      LIMIT ${options.limit}`,
  ]);
  return { lost: toList(lost), unreachable: toList(unreachable) };
}

function toList(rows: Row[]): CareList {
  return {
    total: Number(rows[0]?.total ?? 0),
    members: rows.map((row) => ({
      id: row.id,
      phone: row.phone,
      contactPerson: row.contact_name && row.contact_phone ? { name: row.contact_name, phone: row.contact_phone } : null,
      lastVisitAt: row.last_visit_at,
      name: row.name,
      organizationPath: row.organization_path,
      lastActiveAt: row.last_active_at,
      residence: row.residence,
      workplace: row.workplace,
      status: row.status,
      bound: row.bound,
    })),
  };
}
