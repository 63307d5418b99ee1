import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface PollListRow {
  id: number;
  title: string;
  anonymous: boolean;
  closesAt: Date;
  organizationPath: string;
  sent: number;
  answered: number;
}

/** The opened polls of an organisation and below, newest first, with their answer counts (the console's 投票 page, the digest). */
export async function listPolls(db: Db, options: { organizationPath: string; limit: number; openAt?: Date }): Promise<PollListRow[]> {
  const { organizationPath, limit, openAt = null } = options;
  const rows = await db.$queryRaw<(Omit<PollListRow, 'sent' | 'answered'> & { sent: bigint; answered: bigint })[]>`
    SELECT p.id, p.title, p.anonymous, p."closesAt", o.path AS "organizationPath",
      (SELECT count(*) FROM "Broadcast" b JOIN "Delivery" d ON d."broadcastId" = b.id AND d."memberId" IS NOT NULL
        WHERE b."pollId" = p.id AND b.kind = 'POLL') AS sent,
      (SELECT count(*) FROM "PollAnswer" a WHERE a."pollId" = p.id) AS answered
    FROM "Poll" p JOIN "Organization" o ON o.id = p."organizationId"
    WHERE p.status = 'OPEN' AND ${withinOrganizationSql('o.path', organizationPath)}
      AND (${openAt}::timestamp IS NULL OR p."closesAt" > ${openAt}::timestamp)
    ORDER BY p.id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({ ...row, sent: Number(row.sent), answered: Number(row.answered) }));
}
