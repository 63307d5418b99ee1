import type { Db } from '../../db/client.ts';
import { idBatches } from '../shared/keyset-batches.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface SuggestionLedgerRow {
  id: number;
  createdAt: Date;
  name: string;
  phone: string;
  organizationPath: string;
  text: string;
  replyText: string | null;
  repliedAt: Date | null;
  repliedBy: string | null;
  adoptedAt: Date | null;
}

/** 建议与答复: the suggestions made to an organisation and below with their answers, in keyset batches. */
export function streamSuggestions(db: Db, options: { organizationPath: string; batchSize?: number }): AsyncGenerator<SuggestionLedgerRow[]> {
  return idBatches(
    (after, limit) => db.$queryRaw<SuggestionLedgerRow[]>`
      SELECT s.id, s."createdAt", m.name, m.phone, o.path AS "organizationPath", s.text, s."replyText", s."repliedAt", r.name AS "repliedBy", s."adoptedAt"
      FROM "Suggestion" s JOIN "Organization" o ON o.id = s."organizationId" JOIN "Member" m ON m.id = s."memberId"
      LEFT JOIN "Member" r ON r.id = s."repliedById"
      WHERE s.id > ${after} AND ${withinOrganizationSql('o.path', options.organizationPath)}
      ORDER BY s.id
      LIMIT ${limit}`,
    options.batchSize,
  );
}
