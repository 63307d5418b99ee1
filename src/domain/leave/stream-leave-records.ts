import type { Db } from '../../db/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface LeaveLedgerRow {
  id: number;
  name: string;
  phone: string;
  organizationPath: string;
  startedAt: Date;
  /** The planned end: the start of the day after its last day. */
  until: Date;
  /** When it ended early (销假, or replaced by a new 请假). */
  endedAt: Date | null;
  reason: string | null;
}

/** 请假记录: every leave of the members of an organisation and below, in keyset batches. */
export function streamLeaveRecords(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<LeaveLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<LeaveLedgerRow[]>`
      SELECT l.id, m.name, m.phone, o.path AS "organizationPath", l."startedAt", l.until, l."endedAt", l.reason
      FROM "LeaveRecord" l JOIN "Member" m ON m.id = l."memberId" JOIN "Organization" o ON o.id = m."organizationId"
      WHERE l.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY l.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
