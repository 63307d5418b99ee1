import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface OrganizationDigest {
  members: number;
  checkedInLastWeek: number;
  latestPack: { title: string; delivered: number; confirmed: number } | null;
  upcoming: { id: number; title: string; startsAt: Date; rsvpYes: number }[];
  silent: number;
  atRisk: number;
  unbound: number;
  /** 建议 of the last 7 days: how many, and the latest few. */
  suggestions: { total: number; latest: { name: string; text: string }[] };
}

/**
 * The figures of a secretary's weekly digest, for an organisation and its sub-organisations:
 * who checked in over the last 7 days, how the latest study pack went, upcoming activities with
 * their 报名 counts, the members drifting away, and the week's 建议. A few aggregate queries, whatever the size.
 */
export async function getOrganizationDigest(
  db: Db,
  options: { organizationPath: string; now: Date; silentAfterDays: number; upcomingDays: number },
): Promise<OrganizationDigest> {
  const { organizationPath, now, silentAfterDays, upcomingDays } = options;
  const inScope = withinOrganizationSql('o.path', organizationPath);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600_000);
  const silentSince = new Date(now.getTime() - silentAfterDays * 24 * 3600_000);
  const [counts] = await db.$queryRaw<{ members: bigint; checked: bigint; silent: bigint; at_risk: bigint; unbound: bigint }[]>`
    SELECT count(*) AS members,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "CheckIn" c WHERE c."memberId" = m.id AND c.at >= ${weekAgo})) AS checked,
      count(*) FILTER (WHERE m.status = 'ACTIVE' AND COALESCE(m."lastActiveAt", m."createdAt") < ${silentSince}) AS silent,
      count(*) FILTER (WHERE m.status = 'LOST_CONTACT') AS at_risk,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id)) AS unbound
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${inScope}`;
  const [pack] = await db.$queryRaw<{ title: string; delivered: bigint; confirmed: bigint }[]>`
    SELECT p.title,
      (SELECT count(*) FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
        WHERE b."studyPackId" = p.id AND b.kind = 'STUDY_PACK' AND d.status = 'SENT') AS delivered,
      (SELECT count(*) FROM "StudyConfirmation" s WHERE s."studyPackId" = p.id) AS confirmed
    FROM "StudyPack" p JOIN "Organization" o ON o.id = p."organizationId"
    WHERE ${inScope} AND p.status = 'PUSHED'
    ORDER BY p."pushedAt" DESC LIMIT 1`;
  const upcoming = await db.$queryRaw<{ id: number; title: string; startsAt: Date; rsvp_yes: bigint }[]>`
    SELECT a.id, a.title, a."startsAt",
      (SELECT count(*) FROM "Rsvp" r WHERE r."activityId" = a.id AND r.status = 'YES') AS rsvp_yes
    FROM "Activity" a JOIN "Organization" o ON o.id = a."organizationId"
    WHERE ${inScope} AND a.status = 'OPEN' AND a."startsAt" > ${now}
      AND a."startsAt" < ${new Date(now.getTime() + upcomingDays * 24 * 3600_000)}
    ORDER BY a."startsAt" LIMIT 10`;
  const suggestions = await db.$queryRaw<{ name: string; text: string; total: bigint }[]>`
    SELECT m.name, s.text, count(*) OVER () AS total
    FROM "Suggestion" s
    JOIN "Member" m ON m.id = s."memberId"
    JOIN "Organization" o ON o.id = s."organizationId"
    WHERE ${inScope} AND s."createdAt" >= ${weekAgo}
    ORDER BY s."createdAt" DESC LIMIT 5`;
  return {
    members: Number(counts?.members ?? 0),
    checkedInLastWeek: Number(counts?.checked ?? 0),
    latestPack: pack ? { title: pack.title, delivered: Number(pack.delivered), confirmed: Number(pack.confirmed) } : null,
    upcoming: upcoming.map((a) => ({ id: a.id, title: a.title, startsAt: a.startsAt, rsvpYes: Number(a.rsvp_yes) })),
    silent: Number(counts?.silent ?? 0),
    atRisk: Number(counts?.at_risk ?? 0),
    unbound: Number(counts?.unbound ?? 0),
    suggestions: {
      total: Number(suggestions[0]?.total ?? 0),
      latest: suggestions.map(({ name, text }) => ({ name, text })),
    },
  };
}
