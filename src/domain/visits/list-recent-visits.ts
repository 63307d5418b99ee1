import type { Db } from '../../db/client.ts';
import type { VisitKind } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface ScopedVisit {
  memberId: number;
  name: string;
  kind: VisitKind;
  note: string;
  at: Date;
  recordedBy: string;
}

/** 走访 of an organisation and below (where the member was at the visit), newest first. */
export async function listRecentVisits(db: Db, options: { organizationPath: string; limit: number }): Promise<ScopedVisit[]> {
  return db.$queryRaw<ScopedVisit[]>`
    SELECT v."memberId", m.name, v.kind, v.note, v.at, r.name AS "recordedBy"
    FROM "CareVisit" v JOIN "Organization" o ON o.id = v."organizationId"
    JOIN "Member" m ON m.id = v."memberId" JOIN "Member" r ON r.id = v."recordedById"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    ORDER BY v.at DESC, v.id DESC
    LIMIT ${options.limit}`;
}
