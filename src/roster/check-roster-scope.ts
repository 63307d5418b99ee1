import type { Db } from '../db/client.ts';
import type { Role } from '../generated/prisma/enums.ts';
import { isWithinOrganization } from '../domain/shared/organization-scope.ts';
import type { RosterError, RosterRow } from './parse-roster.ts';

/**
 * An import from the console changes only what its secretary runs: rows for their organisation
 * and below, members who are not already on another organisation's roster, and no 管理员 unless
 * an admin imports. (The CLI is the operator's, and imports anything.)
 */
export async function checkRosterScope(
  db: Db,
  rows: RosterRow[],
  importer: { scopePath: string; role: Role },
): Promise<RosterError[]> {
  const stored = await db.member.findMany({
    where: { phone: { in: rows.map((row) => row.phone) } },
    select: { phone: true, organization: { select: { path: true } } },
  });
  const storedPathByPhone = new Map(stored.map((member) => [member.phone, member.organization.path]));
  const errors: RosterError[] = [];
  for (const row of rows) {
    const storedPath = storedPathByPhone.get(row.phone);
    if (!isWithinOrganization(row.organizationPath, importer.scopePath)) {
      errors.push({ line: row.line, reason: `党组织「${row.organizationPath}」不在您管理的 ${importer.scopePath} 之内` });
    } else if (storedPath !== undefined && !isWithinOrganization(storedPath, importer.scopePath)) {
      errors.push({ line: row.line, reason: `手机号「${row.phone}」已登记在您管理范围以外的党组织，请联系上级组织调整` });
    } else if (row.role === 'ADMIN' && importer.role !== 'ADMIN') {
      errors.push({ line: row.line, reason: '只有管理员可以导入「管理员」角色' });
    }
  }
  return errors;
}
