import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface SuggestionRow {
  id: number;
  createdAt: Date;
  text: string;
  memberId: number;
  memberName: string;
  organizationPath: string;
  replyText: string | null;
  repliedAt: Date | null;
  adoptedAt: Date | null;
}

/**
 * 建议 made to an organisation and the ones below it, newest first; `openOnly`: those neither
 * answered nor adopted yet (建议列表).
 */
export async function listSuggestions(
  db: Db,
  options: { organizationPath: string; limit: number; openOnly?: boolean },
): Promise<SuggestionRow[]> {
  const open = options.openOnly ? Prisma.sql`AND s."repliedAt" IS NULL AND s."adoptedAt" IS NULL` : Prisma.empty;
  return db.$queryRaw<SuggestionRow[]>`
    SELECT s.id, s."createdAt", s.text, m.id AS "memberId", m.name AS "memberName", o.path AS "organizationPath", s."replyText", s."repliedAt", s."adoptedAt"
    FROM "Suggestion" s JOIN "Member" m ON m.id = s."memberId" JOIN "Organization" o ON o.id = s."organizationId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)} ${open}
    ORDER BY s."createdAt" DESC, s.id DESC
    LIMIT ${options.limit}`;
}
