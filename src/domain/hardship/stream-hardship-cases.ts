import type { Db } from '../../db/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface HardshipCaseLedgerRow {
  id: number;
  name: string;
  phone: string;
  organizationPath: string;
  description: string;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
  helpCount: number;
  /** The case's help in yuan (0 when none had an amount). */
  amount: number;
}

/** 困难帮扶台账: the hardship cases of an organisation and below with the count and sum of their help, in keyset batches. */
export function streamHardshipCases(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<HardshipCaseLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<HardshipCaseLedgerRow[]>`
      SELECT c.id, m.name, m.phone, o.path AS "organizationPath", c.description, b.name AS "openedBy", c."openedAt", c."closedAt",
        h."helpCount", h.amount
      FROM "HardshipCase" c JOIN "Organization" o ON o.id = c."organizationId"
      JOIN "Member" m ON m.id = c."memberId" JOIN "Member" b ON b.id = c."openedById"
      CROSS JOIN LATERAL (SELECT count(*)::int AS "helpCount", COALESCE(sum(x.amount), 0)::float8 AS amount FROM "HardshipHelp" x WHERE x."caseId" = c.id) h
      WHERE c.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY c.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
