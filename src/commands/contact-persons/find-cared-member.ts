import { recordAccess } from '../../domain/access-log/record-access.ts';
import { findCaredMember } from '../../domain/contact-persons/find-cared-member.ts';
import type { SenderMember } from '../../domain/shared/sender.ts';
import type { CommandContext } from '../context.ts';
import { findMemberForSecretary } from '../guards.ts';
import { splitNameAndDigits } from '../name-and-digits.ts';

/**
 * The member a care command (走访, 走访记录, 去向 张三) is about, named by `姓名 [手机号后四位]`: in a
 * secretary's or admin's organisation and below, or among the members a contact person looks after.
 * Anyone else is told they may not, and the result is null. Sent in a direct chat only: care records
 * are not for a group to read. Every access granted is written to the 操作日志 (the keyword, the member).
 */
export async function findMemberForCarer(
  ctx: CommandContext,
  keyword: string,
  text: string,
): Promise<{ carer: SenderMember; member: { id: number; name: string } } | null> {
  const carer = ctx.sender.member!;
  if (!ctx.isDirect) {
    ctx.replyPrivately('请私聊我发送这个指令。');
    return null;
  }
  const found = carer.role !== 'MEMBER' ? await findMemberForSecretary(ctx, carer, keyword, text) : await findMemberCaredFor(ctx, carer, keyword, text);
  if (found) await recordAccess(ctx.db, { actorId: carer.id, action: keyword, subjectId: found.id, at: ctx.message.sentAt });
  return found ? { carer, member: found } : null;
}

/** The member named, among those the contact person looks after and still reaches; null (and told why) otherwise. */
async function findMemberCaredFor(ctx: CommandContext, carer: SenderMember, keyword: string, text: string): Promise<{ id: number; name: string } | null> {
  const { name, phoneLast4 } = splitNameAndDigits(text);
  const found = await findCaredMember(ctx.db, { contactPersonId: carer.id, name, phoneLast4 });
  switch (found.outcome) {
    case 'none':
      ctx.reply('无权限：只有书记、管理员或结对联系人可以使用这个指令。');
      return null;
    case 'not-found':
      ctx.reply(`您结对联系的党员中没有「${name}」${phoneLast4 ? `（手机号后四位 ${phoneLast4}）` : ''}，请核对后重试。`);
      return null;
    case 'ambiguous':
      ctx.reply(`您结对联系的党员中有多位「${name}」，请加上手机号后四位，例如「${keyword} ${name} 1234」。`);
      return null;
    case 'found':
      return found.member;
  }
}
