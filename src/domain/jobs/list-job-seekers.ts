import type { Db } from '../../db/client.ts';
import type { JobSeekerStatus } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface ScopedJobSeeker {
  memberId: number;
  name: string;
  phone: string;
  organizationPath: string;
  status: JobSeekerStatus;
  wishes: string[];
  since: Date;
  placedAt: Date | null;
  placedNote: string | null;
  /** Posts they said 意向 to. */
  interests: number;
}

/** 返乡就业: job seekers of an organisation and below still looking, then those placed since `placedSince`. */
export async function listJobSeekers(db: Db, options: { organizationPath: string; placedSince: Date; limit: number }): Promise<ScopedJobSeeker[]> {
  const rows = await db.$queryRaw<(Omit<ScopedJobSeeker, 'interests'> & { interests: bigint })[]>`
    SELECT m.id AS "memberId", m.name, m.phone, o.path AS "organizationPath", js.status, js.wishes, js.since, js."placedAt", js."placedNote",
      (SELECT count(*) FROM "JobInterest" i WHERE i."memberId" = m.id) AS interests
    FROM "JobSeeker" js JOIN "Member" m ON m.id = js."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
      AND (js.status = 'SEEKING' OR js."placedAt" >= ${options.placedSince})
    ORDER BY js.status, js.since DESC, m.name, m.id
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ ...row, interests: Number(row.interests) }));
}
