import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface CareDigest {
  /** Members on leave (请假) now. */
  onLeave: number;
  /** 走访 recorded in the last 7 days, in all and per organisation (path) where there were any. */
  visitsLastWeek: number;
  visitsByOrganization: { path: string; count: number }[];
  /** 疑似失联 members with no visit recorded since they were reported: the first few names and how many. */
  lostWithoutVisit: { total: number; names: string[] };
  /** Where members are: the cities with most members. */
  topResidences: { residence: string; count: number }[];
}

/** The care part of a secretary's weekly digest, for an organisation and below: a few aggregate queries. */
export async function getCareDigest(db: Db, options: { organizationPath: string; now: Date; namesShown: number }): Promise<CareDigest> {
  const { now } = options;
  const inScope = withinOrganizationSql('o.path', options.organizationPath);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600_000);
  const [counts] = await db.$queryRaw<{ on_leave: bigint }[]>`
    SELECT count(*) AS on_leave FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId" WHERE ${inScope} AND m."leaveUntil" > ${now}`;
  const visits = await db.$queryRaw<{ path: string; count: bigint }[]>`
    SELECT o.path, count(*) AS count FROM "CareVisit" v JOIN "Organization" o ON o.id = v."organizationId"
    WHERE ${inScope} AND v.at >= ${weekAgo}
    GROUP BY o.path ORDER BY o.path`;
  const lost = await db.$queryRaw<{ name: string; total: bigint }[]>`
    SELECT m.name, count(*) OVER () AS total
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${inScope} AND m.status = 'LOST_CONTACT'
      AND NOT EXISTS (SELECT 1 FROM "CareVisit" v WHERE v."memberId" = m.id AND v.at >= COALESCE(m."careAlertedAt", m."updatedAt"))
    ORDER BY m."careAlertedAt" NULLS FIRST, m.name
    LIMIT ${options.namesShown}`;
  const residences = await db.$queryRaw<{ residence: string; count: bigint }[]>`
    SELECT m.residence, count(*) AS count
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${inScope} AND m.residence IS NOT NULL
    GROUP BY m.residence ORDER BY count(*) DESC, m.residence LIMIT 3`;
  return {
    onLeave: Number(counts?.on_leave ?? 0),
    visitsLastWeek: visits.reduce((sum, row) => sum + Number(row.count), 0),
    visitsByOrganization: visits.map((row) => ({ path: row.path, count: Number(row.count) })),
    lostWithoutVisit: { total: Number(lost[0]?.total ?? 0), names: lost.map((row) => row.name) },
    topResidences: residences.map((row) => ({ residence: row.residence, count: Number(row.count) })),
  };
}
