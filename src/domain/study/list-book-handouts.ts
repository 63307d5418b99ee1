import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface BookHandoutRow {
  at: Date;
  title: string;
  memberId: number;
  memberName: string;
  organizationPath: string;
}

/** 发书 records of members of an organisation and below, newest first. */
export async function listBookHandouts(db: Db, options: { organizationPath: string; limit: number }): Promise<BookHandoutRow[]> {
  return db.$queryRaw<BookHandoutRow[]>`
    SELECT h.at, h.title, m.id AS "memberId", m.name AS "memberName", o.path AS "organizationPath"
    FROM "BookHandout" h JOIN "Member" m ON m.id = h."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    ORDER BY h.at DESC, h.id DESC
    LIMIT ${options.limit}`;
}
