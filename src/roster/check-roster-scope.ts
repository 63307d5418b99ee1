import type { Db } from '../db/client.ts';
import type { Role } from '../generated/prisma/enums.ts';

const roleTitles: Record<Role, string> = { MEMBER: '党员', SECRETARY: '书记', ADMIN: '管理员' };
import { isWithinOrganization } from '../domain/shared/organization-scope.ts';
import { inChunks } from './in-chunks.ts';
import type { RosterError, RosterRow } from './parse-roster.ts';

/**
 * An import from the console changes only what its secretary runs: rows for their organisation
 * and below, members who are not already on another organisation's roster, and only roles the
 * uploader may grant: nobody is made 管理员, and an existing 书记's or 管理员's role stays as it is
 * (a secretary cannot demote the branch admin). Roles are the operator's: the CLI imports anything.
 */
export async function checkRosterScope(
  db: Db,
  rows: RosterRow[],
  importer: { scopePath: string },
): Promise<RosterError[]> {
  const stored = await inChunks(rows.map((row) => row.phone), (phones) =>
    db.member.findMany({ where: { phone: { in: phones } }, select: { phone: true, role: true, organization: { select: { path: true } } } }),
  );
  const storedByPhone = new Map(stored.map((member) => [member.phone, member]));
  const errors: RosterError[] = [];
  for (const row of rows) {
    const storedPath = storedByPhone.get(row.phone)?.organization.path;
    const storedRole = storedByPhone.get(row.phone)?.role;
    if (!isWithinOrganization(row.organizationPath, importer.scopePath)) {
      errors.push({ line: row.line, reason: `党组织「${row.organizationPath}」不在您管理的 ${importer.scopePath} 之内` });
    } else if (storedPath !== undefined && !isWithinOrganization(storedPath, importer.scopePath)) {
      errors.push({ line: row.line, reason: `手机号「${row.phone}」已登记在您管理范围以外的党组织，请联系上级组织调整` });
    } else if (storedRole !== undefined && storedRole !== 'MEMBER' && row.role !== storedRole) {
      errors.push({ line: row.line, reason: `「${row.name}」现为${roleTitles[storedRole]}，网页上传不能更改书记、管理员的角色，请联系上级组织` });
    } else if (row.role === 'ADMIN' && storedRole !== 'ADMIN') {
      errors.push({ line: row.line, reason: '网页上传不能设置「管理员」角色，请联系上级组织' });
    }
  }
  return errors;
}
