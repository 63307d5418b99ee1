import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from './organization-scope.ts';

export type FindMemberResult =
  | { outcome: 'found'; member: { id: number; name: string } }
  | { outcome: 'not-found' }
  | { outcome: 'ambiguous' };

/**
 * A member by exact name (and, to tell namesakes apart, the last 4 digits of their phone)
 * within an organisation and its sub-organisations, for secretaries' commands such as 发书.
 */
export async function findMemberInOrganization(
  db: Db,
  options: { organizationPath: string; name: string; phoneLast4: string | null },
): Promise<FindMemberResult> {
  const { organizationPath, name, phoneLast4 } = options;
  const found = await db.$queryRaw<{ id: number; name: string }[]>`
    SELECT m.id, m.name FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m.name = ${name} AND ${withinOrganizationSql('o.path', organizationPath)}
      AND (${phoneLast4}::text IS NULL OR right(m.phone, 4) = ${phoneLast4})
    ORDER BY m.id
    LIMIT 2`;
  const [first, second] = found;
  if (!first) return { outcome: 'not-found' };
  if (second) return { outcome: 'ambiguous' };
  return { outcome: 'found', member: first };
}
