import type { Db } from '../../db/client.ts';
import type { JobSeekerStatus } from '../../generated/prisma/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface JobSeekerLedgerRow {
  /** The member's id. */
  id: number;
  name: string;
  phone: string;
  organizationPath: string;
  status: JobSeekerStatus;
  wishes: string;
  since: Date;
  placedAt: Date | null;
  placedNote: string | null;
  /** Posts the member said 意向 to. */
  interests: number;
}

/** 返乡就业: the job seekers (looking and placed) of an organisation and below, in keyset batches. */
export function streamJobSeekers(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<JobSeekerLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<JobSeekerLedgerRow[]>`
      SELECT s."memberId" AS id, m.name, m.phone, o.path AS "organizationPath", s.status::text AS status,
        array_to_string(s.wishes, '、') AS wishes, s.since, s."placedAt", s."placedNote",
        (SELECT count(*)::int FROM "JobInterest" i WHERE i."memberId" = s."memberId") AS interests
      FROM "JobSeeker" s JOIN "Member" m ON m.id = s."memberId" JOIN "Organization" o ON o.id = m."organizationId"
      WHERE s."memberId" > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY s."memberId"
      LIMIT ${limit}`,
    options.batchSize,
  );
}
