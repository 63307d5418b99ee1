import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import type { MemberStatus, Role } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

/** One line of the ledger; times already as local YYYY-MM-DD HH:mm text (null when there is none). */
export interface LedgerRow {
  id: number;
  name: string;
  phone: string;
  organizationPath: string;
  role: Role;
  status: MemberStatus;
  bound: boolean;
  boundAt: string | null;
  residence: string | null;
  workplace: string | null;
  lastActiveAt: string | null;
  tags: string;
  createdAt: string;
}

/**
 * 党员台账: every member of an organisation and below, in batches by id (keyset), so a
 * 100,000-member export never holds more than one batch in memory. Times are formatted and
 * enums and tags turned into text by PostgreSQL: reading a Date or an enum per cell costs more
 * than the query.
 */
export async function* streamMemberLedger(
  db: Db,
  options: { organizationPath: string; timeZone: string; batchSize?: number },
): AsyncGenerator<LedgerRow[]> {
  const batchSize = options.batchSize ?? 2000;
  const local = (column: string) =>
    Prisma.sql`to_char((${Prisma.raw(column)} AT TIME ZONE 'UTC') AT TIME ZONE ${options.timeZone}, 'YYYY-MM-DD HH24:MI')`;
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<LedgerRow[]>`
      SELECT m.id, m.name, m.phone, o.path AS "organizationPath", m.role::text AS role, m.status::text AS status,
        w."memberId" IS NOT NULL AS bound, ${local('w."boundAt"')} AS "boundAt", m.residence, m.workplace,
        ${local('m."lastActiveAt"')} AS "lastActiveAt", array_to_string(m.tags, '、') AS tags, ${local('m."createdAt"')} AS "createdAt"
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      -- The bound on w too: without it each batch merge-joins the contacts from the start.
      LEFT JOIN "WechatContact" w ON w."memberId" = m.id AND w."memberId" > ${after}
      WHERE m.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY m.id
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}
