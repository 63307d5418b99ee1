import type { Db } from '../../db/client.ts';
import { listUpcomingActivities, type UpcomingActivity } from '../activities/list-upcoming-activities.ts';
import { withinFlockSql, withinOrganizationSql } from '../shared/organization-scope.ts';
import { countProactiveBacklog } from '../shared/count-proactive-backlog.ts';
import { getCareDigest, type CareDigest } from '../visits/get-care-digest.ts';
import { getLatestStudyPackRate, type LatestStudyPackRate } from '../study/get-latest-study-pack-rate.ts';
import { listPolls, type PollListRow } from '../polls/list-polls.ts';

export interface OrganizationDigest {
  members: number;
  checkedInLastWeek: number;
  latestPack: LatestStudyPackRate | null;
  upcoming: UpcomingActivity[];
  silent: number;
  atRisk: number;
  unbound: number;
  /** Messages of the organisation's broadcasts the account's limits (daily cap, warm-up, throttling) put off in the last 7 days; how many still wait. */
  deferred: { total: number; waiting: number };
  /** 紧急 通知 and 活动 of the last 7 days (past the members' daily cap). */
  urgent: number;
  /** Official account: messages of the organisation's broadcasts waiting for their member's next message (window closed, no template). */
  awaitingMembers: number;
  /** Members the schedules' latest runs found due but left to the next run: the accounts' capacity was used up. */
  leftForCapacity: number;
  /** 建议 of the last 7 days: how many, and the latest few; how many were answered (回复建议) and adopted (采纳) in those days. */
  suggestions: { total: number; latest: { name: string; text: string }[]; answered: number; adopted: number };
  /** 返乡就业 this week: new job seekers, those placed, and how many seek work now. */
  jobs: { newSeekers: number; placed: number; seeking: number };
  /** Leave, visits, 疑似失联 members nobody has visited since the alert, where members are. */
  care: CareDigest;
  /** 投票 still open, newest first (at most 5), with their answer counts. */
  openPolls: PollListRow[];
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
  // Members, not the secretaries and admins who lead the organisation.
  const inFlock = withinFlockSql(organizationPath);
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600_000);
  const silentSince = new Date(now.getTime() - silentAfterDays * 24 * 3600_000);
  const [counts] = await db.$queryRaw<{ members: bigint; checked: bigint; silent: bigint; at_risk: bigint; unbound: bigint }[]>`
    SELECT count(*) AS members,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "CheckIn" c WHERE c."memberId" = m.id AND c.at >= ${weekAgo})) AS checked,
      count(*) FILTER (WHERE m.status = 'ACTIVE' AND COALESCE(m."lastActiveAt", m."createdAt") < ${silentSince}) AS silent,
      count(*) FILTER (WHERE m.status = 'LOST_CONTACT') AS at_risk,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "WechatContact" w WHERE w."memberId" = m.id)) AS unbound
    FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${inFlock}`;
  const [latestPack, upcoming, care, openPolls] = await Promise.all([
    getLatestStudyPackRate(db, { organizationPath }),
    listUpcomingActivities(db, { organizationPath, now, days: upcomingDays }),
    getCareDigest(db, { organizationPath, now, namesShown: 10 }),
    listPolls(db, { organizationPath, limit: 5, openAt: now }),
  ]);
  const suggestions = await db.$queryRaw<{ name: string; text: string; total: bigint }[]>`
    SELECT m.name, s.text, count(*) OVER () AS total
    FROM "Suggestion" s
    JOIN "Member" m ON m.id = s."memberId"
    JOIN "Organization" o ON o.id = s."organizationId"
    WHERE ${inScope} AND s."createdAt" >= ${weekAgo}
    ORDER BY s."createdAt" DESC LIMIT 5`;
  const [handled] = await db.$queryRaw<{ answered: bigint; adopted: bigint }[]>`
    SELECT count(*) FILTER (WHERE s."repliedAt" >= ${weekAgo}) AS answered, count(*) FILTER (WHERE s."adoptedAt" >= ${weekAgo}) AS adopted
    FROM "Suggestion" s JOIN "Organization" o ON o.id = s."organizationId"
    WHERE ${inScope} AND (s."repliedAt" >= ${weekAgo} OR s."adoptedAt" >= ${weekAgo})`;
  const [jobs] = await db.$queryRaw<{ new_seekers: bigint; placed: bigint; seeking: bigint }[]>`
    SELECT count(*) FILTER (WHERE js.since >= ${weekAgo}) AS new_seekers,
      count(*) FILTER (WHERE js.status = 'PLACED' AND js."placedAt" >= ${weekAgo}) AS placed,
      count(*) FILTER (WHERE js.status = 'SEEKING') AS seeking
    FROM "JobSeeker" js JOIN "Member" m ON m.id = js."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE ${inFlock}`;
  const [deferred] = await db.$queryRaw<{ total: bigint; waiting: bigint; awaiting: bigint }[]>`
    SELECT count(*) FILTER (WHERE d."deferredAt" >= ${weekAgo}) AS total,
      count(*) FILTER (WHERE d."deferredAt" >= ${weekAgo} AND d.status = 'QUEUED') AS waiting,
      count(*) FILTER (WHERE d."awaitingSince" IS NOT NULL AND d.status = 'QUEUED') AS awaiting
    FROM "Delivery" d
    JOIN "Broadcast" b ON b.id = d."broadcastId"
    JOIN "Organization" o ON o.id = b."organizationId"
    WHERE ${inScope} AND (d."deferredAt" >= ${weekAgo} OR (d."awaitingSince" IS NOT NULL AND d.status = 'QUEUED'))`;
  const [urgent] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Broadcast" b JOIN "Organization" o ON o.id = b."organizationId"
    WHERE ${inScope} AND b.urgent AND b.status = 'CONFIRMED' AND b."confirmedAt" >= ${weekAgo}`;
  return {
    members: Number(counts?.members ?? 0),
    checkedInLastWeek: Number(counts?.checked ?? 0),
    latestPack,
    upcoming,
    silent: Number(counts?.silent ?? 0),
    atRisk: Number(counts?.at_risk ?? 0),
    unbound: Number(counts?.unbound ?? 0),
    deferred: { total: Number(deferred?.total ?? 0), waiting: Number(deferred?.waiting ?? 0) },
    urgent: Number(urgent?.n ?? 0),
    awaitingMembers: Number(deferred?.awaiting ?? 0),
    leftForCapacity: await countProactiveBacklog(db, { organizationPath: options.organizationPath }),
    suggestions: {
      total: Number(suggestions[0]?.total ?? 0),
      latest: suggestions.map(({ name, text }) => ({ name, text })),
      answered: Number(handled?.answered ?? 0),
      adopted: Number(handled?.adopted ?? 0),
    },
    jobs: { newSeekers: Number(jobs?.new_seekers ?? 0), placed: Number(jobs?.placed ?? 0), seeking: Number(jobs?.seeking ?? 0) },
    care,
    openPolls,
  };
}
