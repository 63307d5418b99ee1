import type { Db } from '../../db/client.ts';
import type { SenderMember } from '../shared/sender.ts';
import { canManageOrganization } from '../shared/organization-scope.ts';
import { isRowId } from '../shared/row-id.ts';
import { moveContacts } from './move-contacts.ts';

export type RelinkAnswer =
  | { outcome: 'relinked'; memberName: string; contactId: string }
  | { outcome: 'not-found' }
  | { outcome: 'answered' }
  | { outcome: 'no-such-choice'; choices: number }
  | { outcome: 'taken' };

/**
 * 确认对应 <编号> <序号>: the secretary says which contact is the member; their record (history,
 * queued messages) moves to it. Only within the secretary's reach; another's question is "not found".
 * The old remark is on several contacts, so the picked one gets a fresh remark (to be written).
 */
export async function answerRelinkQuestion(
  db: Db,
  options: { secretary: Pick<SenderMember, 'role' | 'organizationPath'>; questionId: number; choice: number; account: string; now: Date },
): Promise<RelinkAnswer> {
  const { secretary, questionId, choice, account, now } = options;
  if (!isRowId(questionId)) return { outcome: 'not-found' };
  const question = await db.relinkQuestion.findUnique({
    where: { id: questionId },
    select: { fromContactId: true, candidateIds: true, answeredAt: true, member: { select: { name: true, organization: { select: { path: true } } } } },
  });
  if (!question || !canManageOrganization(secretary, question.member.organization.path)) return { outcome: 'not-found' };
  if (question.answeredAt) return { outcome: 'answered' };
  const to = question.candidateIds[choice - 1];
  if (!to) return { outcome: 'no-such-choice', choices: question.candidateIds.length };
  const moved = await moveContacts(db, account, [{ from: question.fromContactId, to }]);
  if (moved.length === 0) return { outcome: 'taken' };
  await db.$transaction([
    db.relinkQuestion.update({ where: { id: questionId }, data: { answeredAt: now } }),
    db.wechatContact.update({ where: { id: to }, data: { alias: null, aliasSetAt: null } }),
  ]);
  return { outcome: 'relinked', memberName: question.member.name, contactId: to };
}
