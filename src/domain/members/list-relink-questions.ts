import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface OpenRelinkQuestion {
  id: number;
  memberId: number;
  memberName: string;
  organizationPath: string;
  createdAt: Date;
  /** In the order of the 【待确认】 message (序号 1, 2 …), with the WeChat handle where the puppet gives one. */
  candidates: { choice: number; contactId: string; handle: string | null }[];
}

/** 待确认 not answered yet, for members of an organisation and below, oldest first. */
export async function listRelinkQuestions(db: Db, options: { organizationPath: string; limit: number }): Promise<OpenRelinkQuestion[]> {
  const questions = await db.$queryRaw<{ id: number; member_id: number; name: string; path: string; created_at: Date; candidate_ids: string[] }[]>`
    SELECT q.id, m.id AS member_id, m.name, o.path, q."createdAt" AS created_at, q."candidateIds" AS candidate_ids
    FROM "RelinkQuestion" q JOIN "Member" m ON m.id = q."memberId" JOIN "Organization" o ON o.id = m."organizationId"
    WHERE q."answeredAt" IS NULL AND ${withinOrganizationSql('o.path', options.organizationPath)}
    ORDER BY q."createdAt", q.id
    LIMIT ${options.limit}`;
  const contacts = await db.wechatContact.findMany({
    where: { id: { in: questions.flatMap((q) => q.candidate_ids) } },
    select: { id: true, handle: true },
  });
  const handles = new Map(contacts.map((contact) => [contact.id, contact.handle]));
  return questions.map((q) => ({
    id: q.id,
    memberId: q.member_id,
    memberName: q.name,
    organizationPath: q.path,
    createdAt: q.created_at,
    candidates: q.candidate_ids.map((contactId, index) => ({ choice: index + 1, contactId, handle: handles.get(contactId) ?? null })),
  }));
}
