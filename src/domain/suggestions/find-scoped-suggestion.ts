import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import { isRowId } from '../shared/row-id.ts';

export interface ScopedSuggestion {
  text: string;
  memberId: number;
  organizationId: number;
  contactId: string | null;
}

/** The 建议 with this number, if it was made to `scopePath` or below; otherwise null, as if it did not exist. */
export async function findScopedSuggestion(db: Db, options: { suggestionId: number; scopePath: string }): Promise<ScopedSuggestion | null> {
  const { suggestionId, scopePath } = options;
  if (!isRowId(suggestionId)) return null;
  const row = await db.suggestion.findUnique({
    where: { id: suggestionId },
    select: { text: true, memberId: true, organizationId: true, organization: { select: { path: true } }, member: { select: { contact: { select: { id: true } } } } },
  });
  if (!row || !isWithinOrganization(row.organization.path, scopePath)) return null;
  return { text: row.text, memberId: row.memberId, organizationId: row.organizationId, contactId: row.member.contact?.id ?? null };
}
