import { Prisma } from '../../generated/prisma/client.ts';

/**
 * Who hears about a member at risk: the secretaries (and admins) of the member's own organisation
 * who are active and have a bound WeChat; if it has none, those of the nearest organisation above
 * that has. These are SQL building blocks, so the whole roster is handled in one statement.
 */

/**
 * CTE body: every active secretary or admin with a bound WeChat — (member_id, org_id, contact_id).
 * A few per organisation, by the (role, organizationId) index; each one's WeChat by the unique index
 * of WechatContact (a scalar subquery: never a hash join over the whole WechatContact table).
 */
export const careReadersSql = Prisma.sql`
  SELECT * FROM (
    SELECT r.id AS member_id, r."organizationId" AS org_id,
      (SELECT w.id FROM "WechatContact" w WHERE w."memberId" = r.id) AS contact_id
    FROM "Member" r
    WHERE r.role IN ('SECRETARY', 'ADMIN') AND r.status = 'ACTIVE'
    OFFSET 0
  ) readers
  WHERE contact_id IS NOT NULL`;

/**
 * Recursive CTE body (needs a `readers` CTE of careReadersSql): every organisation with its path,
 * `target`, the nearest organisation (itself or above) that has readers, and `above`, the nearest
 * strictly above it that has — or null when none has. A member hears from `target`; a secretary or admin
 * leads their own organisation and is cared for by `above` (see inFlockSql). Walks the tree from the
 * roots: one row per organisation, a few thousand.
 */
export const careTargetsSql = Prisma.sql`
  SELECT o.id, o.path, CASE WHEN EXISTS (SELECT 1 FROM readers r WHERE r.org_id = o.id) THEN o.id END AS target,
    NULL::int AS above
  FROM "Organization" o WHERE o."parentId" IS NULL
  UNION ALL
  SELECT c.id, c.path, CASE WHEN EXISTS (SELECT 1 FROM readers r WHERE r.org_id = c.id) THEN c.id ELSE t.target END,
    t.target
  FROM "Organization" c JOIN targets t ON c."parentId" = t.id`;

/** The organisation that hears about member `m` whose organisation's row of careTargetsSql is `t`. */
export const careTargetOfMemberSql = Prisma.sql`(CASE WHEN m.role = 'MEMBER' THEN t.target ELSE t.above END)`;
