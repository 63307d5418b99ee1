import type { Db } from '../../db/client.ts';
import type { MemberStatus, Role } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

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
  lastActiveAt: Date | null;
  tags: string[];
  createdAt: Date;
}

/**
 * 党员台账: every member of an organisation and below, in batches by id (keyset), so a
 * 100,000-member export never holds more than one batch in memory.
 */
export async function* streamMemberLedger(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<LedgerRow[]> {
  const batchSize = options.batchSize ?? 2000;
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<LedgerRow[]>`
      SELECT m.id, m.name, m.phone, o.path AS "organizationPath", m.role, m.status, w."memberId" IS NOT NULL AS bound,
        w."boundAt", m.residence, m.workplace, m."lastActiveAt", m.tags, m."createdAt"
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      LEFT JOIN "WechatContact" w ON w."memberId" = m.id
      WHERE m.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY m.id
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}
