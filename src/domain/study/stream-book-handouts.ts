import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface BookHandoutRow {
  id: number;
  at: Date;
  title: string;
  memberId: number;
  memberName: string;
  organizationPath: string;
}

/** 发书 records of members of an organisation and below, newest first, in keyset batches (the console shows the first). */
export async function* streamBookHandouts(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<BookHandoutRow[]> {
  const batchSize = options.batchSize ?? 2000;
  let before = 2147483647;
  for (;;) {
    const rows = await db.$queryRaw<BookHandoutRow[]>`
      SELECT h.id, h.at, h.title, m.id AS "memberId", m.name AS "memberName", o.path AS "organizationPath"
      FROM "BookHandout" h JOIN "Member" m ON m.id = h."memberId" JOIN "Organization" o ON o.id = m."organizationId"
      WHERE h.id < ${before} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY h.id DESC
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows;
    before = rows.at(-1)!.id;
  }
}
