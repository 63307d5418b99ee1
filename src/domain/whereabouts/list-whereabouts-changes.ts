import type { Db } from '../../db/client.ts';
import type { WhereaboutsSource } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface WhereaboutsChange {
  memberId: number;
  name: string;
  organizationPath: string;
  residence: string | null;
  workplace: string | null;
  source: WhereaboutsSource;
  at: Date;
}

/** 去向变动: the latest whereabouts set by members or confirmed after a 走访, in an organisation and below (the roster import aside). */
export async function listWhereaboutsChanges(db: Db, options: { organizationPath: string; limit: number }): Promise<WhereaboutsChange[]> {
  return db.$queryRaw<WhereaboutsChange[]>`
    SELECT m.id AS "memberId", m.name, o.path AS "organizationPath", w.residence, w.workplace, w.source, w.at
    FROM "WhereaboutsReport" w JOIN "Member" m ON m.id = w."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} AND w.source <> 'ROSTER'
    ORDER BY w.at DESC, w.id DESC
    LIMIT ${options.limit}`;
}
