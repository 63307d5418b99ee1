import type { Db } from '../../db/client.ts';
import type { MemberStatus, Role } from '../../generated/prisma/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

/** One line of the ledger (花名册). */
export interface LedgerRow {
  id: number;
  name: string;
  phone: string;
  organizationPath: string;
  role: Role;
  status: MemberStatus;
  bound: boolean;
  boundAt: Date | null;
  residence: string | null;
  workplace: string | null;
  /** When the whereabouts were last set or confirmed (as on the roster since it was imported when never). */
  whereaboutsAt: Date;
  /** The end of the leave in force at `now` (the start of the day after its last day), and its reason. */
  leaveUntil: Date | null;
  leaveReason: string | null;
  contactPersonName: string | null;
  lastVisitAt: Date | null;
  lastActiveAt: Date | null;
  tags: string;
  createdAt: Date;
}

/**
 * 党员台账: every member of an organisation and below, in batches by id (keyset), so a
 * 100,000-member export never holds more than one batch in memory. Enums and tags are turned
 * into text by PostgreSQL: reading an enum per cell costs more than the query.
 */
export function streamMemberLedger(db: Db, options: { organizationPath: string; now: Date; batchSize?: number }): AsyncGenerator<LedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<LedgerRow[]>`
      SELECT m.id, m.name, m.phone, o.path AS "organizationPath", m.role::text AS role, m.status::text AS status,
        w."memberId" IS NOT NULL AS bound, w."boundAt", m.residence, m.workplace, COALESCE(m."whereaboutsAt", m."createdAt") AS "whereaboutsAt",
        CASE WHEN m."leaveUntil" > ${options.now} THEN m."leaveUntil" END AS "leaveUntil",
        CASE WHEN m."leaveUntil" > ${options.now} THEN m."leaveReason" END AS "leaveReason",
        c.name AS "contactPersonName", (SELECT max(v.at) FROM "CareVisit" v WHERE v."memberId" = m.id) AS "lastVisitAt",
        m."lastActiveAt", array_to_string(m.tags, '、') AS tags, m."createdAt"
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      -- The bound on w too: without it each batch merge-joins the contacts from the start.
      LEFT JOIN "WechatContact" w ON w."memberId" = m.id AND w."memberId" > ${after}
      LEFT JOIN "Member" c ON c.id = m."contactPersonId"
      WHERE m.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY m.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
