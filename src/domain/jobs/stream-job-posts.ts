import type { Db } from '../../db/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface JobPostLedgerRow {
  id: number;
  organizationPath: string;
  text: string;
  keywords: string;
  createdBy: string;
  createdAt: Date;
  interested: number;
}

/** 岗位 of an organisation and below with how many said 意向, in keyset batches. */
export function streamJobPosts(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<JobPostLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<JobPostLedgerRow[]>`
      SELECT p.id, o.path AS "organizationPath", p.text, array_to_string(p.keywords, '、') AS keywords, c.name AS "createdBy", p."createdAt",
        (SELECT count(*)::int FROM "JobInterest" i WHERE i."jobPostId" = p.id) AS interested
      FROM "JobPost" p JOIN "Organization" o ON o.id = p."organizationId" JOIN "Member" c ON c.id = p."createdById"
      WHERE p.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY p.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
