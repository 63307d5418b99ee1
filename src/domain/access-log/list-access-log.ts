import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface AccessLogEntry {
  at: Date;
  actorName: string;
  action: string;
  /** Whose records; null for a list or an export. */
  subjectName: string | null;
  organizationPath: string;
}

/** The newest entries of the 操作日志 for an organisation and below (by the organisation whose records were read). */
export async function listAccessLog(db: Db, options: { organizationPath: string; limit: number }): Promise<AccessLogEntry[]> {
  const rows = await db.$queryRaw<{ at: Date; actor_name: string; action: string; subject_name: string | null; path: string }[]>`
    SELECT l.at, a.name AS actor_name, l.action, s.name AS subject_name, o.path
    FROM "AccessLog" l
    JOIN "Organization" o ON o.id = l."organizationId"
    JOIN "Member" a ON a.id = l."actorId"
    LEFT JOIN "Member" s ON s.id = l."subjectId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    ORDER BY l.at DESC, l.id DESC
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ at: row.at, actorName: row.actor_name, action: row.action, subjectName: row.subject_name, organizationPath: row.path }));
}
