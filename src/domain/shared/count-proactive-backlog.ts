import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from './organization-scope.ts';

/**
 * Members of an organisation and below whom the scheduled jobs' latest runs found due (a nudge, the
 * whereabouts question) but left for the next run because the accounts' capacity was used up:
 * "因账号容量，今日另有 N 人待提醒".
 */
export async function countProactiveBacklog(db: Db, options: { organizationPath: string }): Promise<number> {
  const [row] = await db.$queryRaw<{ waiting: bigint | null }[]>`
    SELECT sum(p.waiting) AS waiting
    FROM "ProactiveBacklog" p JOIN "Organization" o ON o.id = p."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}`;
  return Number(row?.waiting ?? 0);
}

/** The line the digest and the 发送 page show when some were left. */
export function proactiveBacklogText(waiting: number): string {
  return `因账号容量，今日另有 ${waiting} 人待提醒（下次按序优先提醒）。`;
}
