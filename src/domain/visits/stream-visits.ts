import type { Db } from '../../db/client.ts';
import type { VisitKind } from '../../generated/prisma/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface VisitLedgerRow {
  id: number;
  at: Date;
  name: string;
  phone: string;
  organizationPath: string;
  kind: VisitKind;
  recordedBy: string;
  note: string;
  proposedResidence: string | null;
  proposedWorkplace: string | null;
  confirmedAt: Date | null;
}

/** 走访台账: the visits to members of an organisation and below (the organisation at the time), in keyset batches. */
export function streamVisits(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<VisitLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<VisitLedgerRow[]>`
      SELECT v.id, v.at, m.name, m.phone, o.path AS "organizationPath", v.kind::text AS kind, r.name AS "recordedBy", v.note,
        v."proposedResidence", v."proposedWorkplace", v."confirmedAt"
      FROM "CareVisit" v JOIN "Organization" o ON o.id = v."organizationId"
      JOIN "Member" m ON m.id = v."memberId" JOIN "Member" r ON r.id = v."recordedById"
      WHERE v.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY v.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
