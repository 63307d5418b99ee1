import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface AttendanceRow {
  activityId: number;
  title: string;
  memberId: number;
  name: string;
  organizationPath: string;
  at: Date;
}

/** Who attended the activities of an organisation and below, by activity, in keyset batches. */
export async function* streamAttendance(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<AttendanceRow[]> {
  const batchSize = options.batchSize ?? 2000;
  let after = { activityId: 0, memberId: 0 };
  for (;;) {
    const rows = await db.$queryRaw<AttendanceRow[]>`
      SELECT t."activityId", a.title, t."memberId", m.name, mo.path AS "organizationPath", t.at
      FROM "Attendance" t
      JOIN "Activity" a ON a.id = t."activityId" JOIN "Organization" o ON o.id = a."organizationId"
      JOIN "Member" m ON m.id = t."memberId" JOIN "Organization" mo ON mo.id = m."organizationId"
      WHERE (t."activityId", t."memberId") > (${after.activityId}, ${after.memberId})
        AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY t."activityId", t."memberId"
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1)!;
    after = { activityId: last.activityId, memberId: last.memberId };
  }
}
