import type { Db } from '../../db/client.ts';
import { keysetBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface JobInterestLedgerRow {
  jobPostId: number;
  memberId: number;
  post: string;
  name: string;
  phone: string;
  organizationPath: string;
  at: Date;
  /** Whether the member has since said 已就业. */
  placed: boolean;
}

/** 意向: members of an organisation and below interested in a post (any organisation's), by post, in keyset batches. */
export function streamJobInterests(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<JobInterestLedgerRow[]> {
  return keysetBatches({
    first: { jobPostId: 0, memberId: 0 },
    batchSize: options.batchSize ?? 2000,
    keyOf: (row: JobInterestLedgerRow) => ({ jobPostId: row.jobPostId, memberId: row.memberId }),
    read: (after, limit) => db.$queryRaw<JobInterestLedgerRow[]>`
      SELECT i."jobPostId", i."memberId", p.text AS post, m.name, m.phone, o.path AS "organizationPath", i.at,
        EXISTS (SELECT 1 FROM "JobSeeker" s WHERE s."memberId" = i."memberId" AND s.status = 'PLACED') AS placed
      FROM "JobInterest" i JOIN "JobPost" p ON p.id = i."jobPostId"
      JOIN "Member" m ON m.id = i."memberId" JOIN "Organization" o ON o.id = m."organizationId"
      WHERE (i."jobPostId", i."memberId") > (${after.jobPostId}, ${after.memberId}) AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY i."jobPostId", i."memberId"
      LIMIT ${limit}`,
  });
}
