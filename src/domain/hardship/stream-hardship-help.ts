import type { Db } from '../../db/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface HardshipHelpLedgerRow {
  id: number;
  caseId: number;
  name: string;
  organizationPath: string;
  at: Date;
  kind: string;
  /** In yuan, where the help had an amount. */
  amount: number | null;
  detail: string | null;
  recordedBy: string;
}

/** 帮扶明细: each help given in the hardship cases of an organisation and below, in keyset batches. */
export function streamHardshipHelp(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<HardshipHelpLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<HardshipHelpLedgerRow[]>`
      SELECT h.id, h."caseId", m.name, o.path AS "organizationPath", h.at, h.kind, h.amount::float8 AS amount, h.detail, r.name AS "recordedBy"
      FROM "HardshipHelp" h JOIN "HardshipCase" c ON c.id = h."caseId" JOIN "Organization" o ON o.id = c."organizationId"
      JOIN "Member" m ON m.id = c."memberId" JOIN "Member" r ON r.id = h."recordedById"
      WHERE h.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY h.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
