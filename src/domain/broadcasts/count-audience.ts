import type { Db } from '../../db/client.ts';
import { withinFlockSql, withinOrganizationSql } from '../shared/organization-scope.ts';

export interface AudienceCount {
  members: number;
  /** Members with a bound WeChat: the ones a direct message reaches. */
  reachable: number;
  groups: number;
}

/** How many a broadcast to an organisation (and its sub-organisations) would reach, as createBroadcastDeliveries counts them: for the preview. */
export async function countAudience(
  db: Db,
  options: { organizationPath: string; targetTag: string | null },
): Promise<AudienceCount> {
  const { organizationPath: path, targetTag } = options;
  const inScope = withinFlockSql(path);
  const [row] = await db.$queryRaw<{ members: bigint; reachable: bigint; groups: bigint }[]>`
    SELECT
      (SELECT count(*) FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
        WHERE ${inScope} AND (${targetTag}::text IS NULL OR ${targetTag} = ANY (m.tags))) AS members,
      (SELECT count(*) FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
        JOIN "WechatContact" c ON c."memberId" = m.id AND c."unreachableAt" IS NULL
        WHERE ${inScope} AND (${targetTag}::text IS NULL OR ${targetTag} = ANY (m.tags))) AS reachable,
      (SELECT count(*) FROM "ChatGroup" g JOIN "Organization" o ON o.id = g."organizationId"
        WHERE ${withinOrganizationSql('o.path', path)} AND ${targetTag}::text IS NULL) AS groups`;
  return { members: Number(row?.members ?? 0), reachable: Number(row?.reachable ?? 0), groups: Number(row?.groups ?? 0) };
}
