import type { Db } from '../../db/client.ts';

/** An anonymous poll's counts per organisation are shown only where at least this many answered: fewer could name who chose what. */
export const anonymousBreakdownMinimum = 5;

export interface PollResults {
  poll: { id: number; title: string; options: string[]; multiple: boolean; anonymous: boolean; closesAt: Date; organizationPath: string };
  /** Members the poll was sent to (reachable or not). */
  sent: number;
  answered: number;
  /** Answers choosing each option, in the options' order. */
  counts: number[];
  /** Per organisation of the members sent to; counts null where an anonymous poll had too few answers there. */
  organizations: { path: string; sent: number; answered: number; counts: number[] | null }[];
  /** Named polls only: who has not answered (up to nameLimit names) and how many. */
  notAnswered: { names: string[]; total: number } | null;
}

/**
 * 结果 <编号> and the console's page: counts per option, per organisation, the answer rate and, for a
 * named poll only, who has not answered. For an anonymous poll nothing here reads or returns a member
 * of an answer: only counts (answers carry no member to read).
 */
export async function getPollResults(db: Db, options: { pollId: number; nameLimit: number }): Promise<PollResults | null> {
  const { pollId, nameLimit } = options;
  const poll = await db.poll.findFirst({
    where: { id: pollId, status: 'OPEN' },
    select: { id: true, title: true, options: true, multiple: true, anonymous: true, closesAt: true, organization: { select: { path: true } } },
  });
  if (!poll) return null;
  const [byOrganization, byChoice] = await Promise.all([
    db.$queryRaw<{ path: string; sent: bigint; answered: bigint }[]>`
      WITH sent AS (
        SELECT m."organizationId" AS org, count(*) AS n FROM "Broadcast" b
        JOIN "Delivery" d ON d."broadcastId" = b.id AND d."memberId" IS NOT NULL
        JOIN "Member" m ON m.id = d."memberId"
        WHERE b."pollId" = ${pollId} AND b.kind = 'POLL' GROUP BY 1),
      answered AS (SELECT "organizationId" AS org, count(*) AS n FROM "PollAnswer" WHERE "pollId" = ${pollId} GROUP BY 1)
      SELECT o.path, COALESCE(s.n, 0) AS sent, COALESCE(a.n, 0) AS answered
      FROM sent s FULL JOIN answered a ON a.org = s.org JOIN "Organization" o ON o.id = COALESCE(s.org, a.org)
      ORDER BY o.path`,
    db.$queryRaw<{ path: string; choice: number; n: bigint }[]>`
      SELECT o.path, c.choice, count(*) AS n
      FROM "PollAnswer" a CROSS JOIN unnest(a.choices) AS c(choice) JOIN "Organization" o ON o.id = a."organizationId"
      WHERE a."pollId" = ${pollId} GROUP BY 1, 2`,
  ]);
  const zeros = () => poll.options.map(() => 0);
  const counts = zeros();
  const countsByPath = new Map<string, number[]>();
  for (const row of byChoice) {
    const index = row.choice - 1;
    if (index < 0 || index >= counts.length) continue;
    counts[index]! += Number(row.n);
    const forPath = countsByPath.get(row.path) ?? zeros();
    forPath[index]! += Number(row.n);
    countsByPath.set(row.path, forPath);
  }
  const organizations = byOrganization.map((row) => {
    const answered = Number(row.answered);
    const hidden = poll.anonymous && answered < anonymousBreakdownMinimum;
    return { path: row.path, sent: Number(row.sent), answered, counts: hidden ? null : (countsByPath.get(row.path) ?? zeros()) };
  });
  const { organization, ...details } = poll;
  return {
    poll: { ...details, organizationPath: organization.path },
    sent: organizations.reduce((sum, row) => sum + row.sent, 0),
    answered: organizations.reduce((sum, row) => sum + row.answered, 0),
    counts,
    organizations,
    notAnswered: poll.anonymous ? null : await listNotAnswered(db, pollId, nameLimit),
  };
}

async function listNotAnswered(db: Db, pollId: number, nameLimit: number): Promise<{ names: string[]; total: number }> {
  const rows = await db.$queryRaw<{ name: string; total: bigint }[]>`
    SELECT m.name, count(*) OVER () AS total
    FROM "Broadcast" b
    JOIN "Delivery" d ON d."broadcastId" = b.id AND d."memberId" IS NOT NULL
    JOIN "Member" m ON m.id = d."memberId"
    WHERE b."pollId" = ${pollId} AND b.kind = 'POLL'
      AND NOT EXISTS (SELECT 1 FROM "PollAnswer" a WHERE a."pollId" = ${pollId} AND a."memberId" = m.id)
    ORDER BY m.name, m.id
    LIMIT ${nameLimit}`;
  return { names: rows.map((row) => row.name), total: Number(rows[0]?.total ?? 0) };
}
