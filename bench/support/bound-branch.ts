import type { Db } from '../../src/db/client.ts';

/**
 * One branch of `count` members (member 1 its secretary), each bound to a contact `contactPrefix + member id`
 * (through `account`, when given), written in two statements. Returns the branch's id.
 */
export async function seedBoundBranch(
  db: Db,
  options: { name: string; path: string; count: number; contactPrefix: string; account?: string },
): Promise<number> {
  const organization = await db.organization.create({ data: { name: options.name, path: options.path } });
  await db.$executeRaw`
    INSERT INTO "Member" (name, phone, "organizationId", role, "updatedAt")
    SELECT '党员' || i, '139' || lpad(i::text, 8, '0'), ${organization.id},
           (CASE WHEN i = 1 THEN 'SECRETARY' ELSE 'MEMBER' END)::"Role", now()
    FROM generate_series(1, ${options.count}::int) AS i`;
  await db.$executeRaw`
    INSERT INTO "WechatContact" (id, "memberId", "boundAt", account)
    SELECT ${options.contactPrefix} || m.id, m.id, now(), ${options.account ?? null}::text
    FROM "Member" m WHERE m."organizationId" = ${organization.id}`;
  return organization.id;
}
