import { findMemberInOrganization } from '../../domain/shared/find-member-in-organization.ts';
import { recordBookHandout } from '../../domain/study/record-book-handout.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

const usage = '格式：发书 姓名 书名，例如「发书 张三 习近平新时代中国特色社会主义思想学习纲要」；同名时加上手机号后四位：「发书 张三 1234 书名」。';

/** 发书 <姓名> [手机号后四位] <书名>: a secretary records a party book handed to a member (线下学习). */
export const handOutBookCommand: Command = {
  name: 'hand-out-book',
  keywords: ['发书'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '发书 姓名 书名 —— （书记）记录向党员发放党建书籍，例如「发书 张三 红岩」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const match = /^(\S{1,20})\s+(?:(\d{4})\s+)?(.+)$/s.exec(ctx.args);
    const title = match?.[3]?.replace(/^《(.+)》$/s, '$1').trim();
    if (!match || !title || title.length > 100) {
      ctx.reply(usage);
      return;
    }
    const name = match[1]!;
    const phoneLast4 = match[2] ?? null;
    const found = await findMemberInOrganization(ctx.db, { organizationPath: secretary.organizationPath, name, phoneLast4 });
    switch (found.outcome) {
      case 'not-found':
        ctx.reply(
          `没有在${secretary.organizationPath}（含下级组织）的名册中找到「${name}」` +
            `${phoneLast4 ? `（手机号后四位 ${phoneLast4}）` : ''}，请核对后重试。`,
        );
        return;
      case 'ambiguous':
        ctx.reply(`名册中有多位「${name}」，请加上手机号后四位，例如「发书 ${name} 1234 ${title}」。`);
        return;
      case 'found': {
        const { member } = found;
        const { books } = await recordBookHandout(ctx.db, {
          memberId: member.id,
          title,
          recordedById: secretary.id,
          at: ctx.message.sentAt,
        });
        ctx.reply(`已记录：向${member.name}发放《${title}》。${member.name}累计领取党建书籍 ${books} 本。`);
      }
    }
  },
};
