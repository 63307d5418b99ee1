import type { Db } from '../../db/client.ts';
import type { WhereaboutsSource } from '../../generated/prisma/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface WhereaboutsChangeRow {
  id: number;
  at: Date;
  name: string;
  phone: string;
  organizationPath: string;
  residence: string | null;
  workplace: string | null;
  source: WhereaboutsSource;
  recordedBy: string | null;
}

/** 去向变动: every whereabouts record of the members of an organisation and below, in keyset batches. */
export function streamWhereaboutsChanges(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<WhereaboutsChangeRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<WhereaboutsChangeRow[]>`
      SELECT r.id, r.at, m.name, m.phone, o.path AS "organizationPath", r.residence, r.workplace, r.source::text AS source, b.name AS "recordedBy"
      FROM "WhereaboutsReport" r JOIN "Member" m ON m.id = r."memberId" JOIN "Organization" o ON o.id = m."organizationId"
      LEFT JOIN "Member" b ON b.id = r."recordedById"
      WHERE r.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY r.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
