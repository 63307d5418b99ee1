import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface HardshipCaseRecord {
  id: number;
  memberId: number;
  memberName: string;
  /** Where the member was when the case was opened (where it counts). */
  organizationPath: string;
  description: string;
  openedBy: string;
  openedAt: Date;
  closedAt: Date | null;
  /** Oldest first; amounts in yuan as decimal strings. */
  help: { kind: string; amount: string | null; detail: string | null; at: Date }[];
  /** The case's amounts added up, or null when no help had one. */
  amount: string | null;
}

/**
 * 困难帮扶 in the console: the cases of an organisation and below, or of one member — open ones
 * first, then the latest opened — each with the help given and its amounts.
 */
export async function listHardshipCases(
  db: Db,
  options: ({ organizationPath: string } | { memberId: number }) & { open?: boolean; limit: number },
): Promise<{ total: number; cases: HardshipCaseRecord[] }> {
  const conditions = ['memberId' in options ? Prisma.sql`c."memberId" = ${options.memberId}` : withinOrganizationSql('o.path', options.organizationPath)];
  if (options.open !== undefined) conditions.push(options.open ? Prisma.sql`c."closedAt" IS NULL` : Prisma.sql`c."closedAt" IS NOT NULL`);
  const cases = await db.$queryRaw<{ id: number; member_id: number; member_name: string; path: string; description: string; opened_by: string; opened_at: Date; closed_at: Date | null; total: bigint }[]>`
    SELECT c.id, c."memberId" AS member_id, m.name AS member_name, o.path, c.description, b.name AS opened_by,
      c."openedAt" AS opened_at, c."closedAt" AS closed_at, count(*) OVER () AS total
    FROM "HardshipCase" c
    JOIN "Organization" o ON o.id = c."organizationId"
    JOIN "Member" m ON m.id = c."memberId"
    JOIN "Member" b ON b.id = c."openedById"
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c."closedAt" IS NOT NULL, c."openedAt" DESC, c.id DESC
    LIMIT ${options.limit}`;
  const help = cases.length === 0 ? [] : await db.hardshipHelp.findMany({
    where: { caseId: { in: cases.map((c) => c.id) } },
    select: { caseId: true, kind: true, amount: true, detail: true, at: true },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  const helpByCase = new Map<number, typeof help>();
  for (const h of help) helpByCase.set(h.caseId, [...(helpByCase.get(h.caseId) ?? []), h]);
  return {
    total: Number(cases[0]?.total ?? 0),
    cases: cases.map((c) => {
      const given = helpByCase.get(c.id) ?? [];
      const amounts = given.flatMap((h) => (h.amount ? [h.amount] : []));
      return {
        id: c.id,
        memberId: c.member_id,
        memberName: c.member_name,
        organizationPath: c.path,
        description: c.description,
        openedBy: c.opened_by,
        openedAt: c.opened_at,
        closedAt: c.closed_at,
        help: given.map((h) => ({ kind: h.kind, amount: h.amount?.toFixed(2) ?? null, detail: h.detail, at: h.at })),
        amount: amounts.length > 0 ? amounts.reduce((sum, amount) => sum.plus(amount)).toFixed(2) : null,
      };
    }),
  };
}
