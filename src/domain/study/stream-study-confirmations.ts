import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface StudyConfirmationRow {
  studyPackId: number;
  title: string;
  pushedAt: Date | null;
  memberId: number;
  name: string;
  organizationPath: string;
  at: Date;
}

/** 已学 confirmations of members of an organisation and below, by pack, in keyset batches. */
export async function* streamStudyConfirmations(
  db: Db,
  options: { organizationPath: string; batchSize?: number },
): AsyncGenerator<StudyConfirmationRow[]> {
  const batchSize = options.batchSize ?? 2000;
  let after = { studyPackId: 0, memberId: 0 };
  for (;;) {
    const rows = await db.$queryRaw<StudyConfirmationRow[]>`
      SELECT s."studyPackId", p.title, p."pushedAt", s."memberId", m.name, o.path AS "organizationPath", s.at
      FROM "StudyConfirmation" s
      JOIN "StudyPack" p ON p.id = s."studyPackId"
      JOIN "Member" m ON m.id = s."memberId" JOIN "Organization" o ON o.id = m."organizationId"
      WHERE (s."studyPackId", s."memberId") > (${after.studyPackId}, ${after.memberId})
        AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY s."studyPackId", s."memberId"
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1)!;
    after = { studyPackId: last.studyPackId, memberId: last.memberId };
  }
}
