import type { Db } from '../../db/client.ts';
import { careReadersSql } from '../care/care-recipients.ts';

export interface NearestSecretaries {
  /** Each with their bound WeChat. */
  secretaries: { memberId: number; contactId: string }[];
  /** Where the given organisation sits below theirs, for their messages: '' when it is theirs, else e.g. （流动党员支部）. */
  below: string;
}

/**
 * Who to tell about a member: the active secretaries (and admins) with a bound WeChat of the member's
 * organisation, or of the nearest organisation above that has such; `exceptMemberId` (the member
 * themself) aside. Null when no organisation up the tree has one.
 */
export async function findNearestSecretaries(
  db: Db,
  options: { organizationId: number; exceptMemberId: number },
): Promise<NearestSecretaries | null> {
  const rows = await db.$queryRaw<{ member_id: number; contact_id: string; path: string; own_path: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT o.id, o."parentId", o.path, 0 AS depth FROM "Organization" o WHERE o.id = ${options.organizationId}
      UNION ALL
      SELECT p.id, p."parentId", p.path, c.depth + 1 FROM "Organization" p JOIN chain c ON p.id = c."parentId"
    ),
    readers AS (
      SELECT r.member_id, r.contact_id, c.path, c.depth
      FROM (${careReadersSql}) r JOIN chain c ON c.id = r.org_id
      WHERE r.member_id <> ${options.exceptMemberId}
    )
    SELECT member_id, contact_id, path, (SELECT path FROM chain WHERE depth = 0) AS own_path
    FROM readers WHERE depth = (SELECT min(depth) FROM readers)`;
  const first = rows[0];
  if (!first) return null;
  return {
    secretaries: rows.map((row) => ({ memberId: row.member_id, contactId: row.contact_id })),
    below: first.own_path === first.path ? '' : `（${first.own_path.slice(first.path.length + 1)}）`,
  };
}
