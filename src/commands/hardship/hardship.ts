import { closeHardshipCase } from '../../domain/hardship/close-hardship-case.ts';
import { openHardshipCase } from '../../domain/hardship/open-hardship-case.ts';
import { maxHelpAmountYuan, maxHelpDetailLength, parseHelp, type ParsedHelp } from '../../domain/hardship/parse-help.ts';
import { recordHelp } from '../../domain/hardship/record-help.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { findMemberForSecretary, secretaryInDirectChat } from '../guards.ts';
import type { SenderMember } from '../../domain/shared/sender.ts';

const caseUsage = '格式：困难 姓名 情况，例如「困难 张三 家属住院，需要帮扶」；同名时在姓名后加手机号后四位。';
const helpUsage = '格式：帮扶 姓名 方式 [金额或内容]，例如「帮扶 张三 慰问金 500元」「帮扶 张三 物资 米面油」「帮扶 张三 就医协调」。';
const maxDescriptionLength = 500;

/**
 * 姓名 [手机号后四位] then the rest: the member in the secretary's organisation or below and the rest,
 * or null (the secretary was told what went wrong).
 */
async function memberAndRest(
  ctx: CommandContext,
  secretary: SenderMember,
  keyword: string,
  usage: string,
): Promise<{ member: { id: number; name: string }; rest: string } | null> {
  const match = /^(\S{1,20})(?:\s+(\d{4}))?(?:\s+(.+))?$/s.exec(ctx.args);
  if (!match) {
    ctx.reply(usage);
    return null;
  }
  const member = await findMemberForSecretary(ctx, secretary, keyword, match[2] ? `${match[1]} ${match[2]}` : match[1]!);
  return member ? { member, rest: match[3]?.trim() ?? '' } : null;
}

/** 困难 张三 家属住院，需要帮扶 (secretary): opens a hardship case (the description is never logged). */
export const hardshipCaseCommand: Command = {
  name: 'hardship-case',
  keywords: ['困难'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '困难 姓名 情况 / 帮扶 姓名 方式 金额或内容 / 结案 姓名 / 帮扶统计 —— （书记）困难帮扶，例如「困难 张三 家属住院」「帮扶 张三 慰问金 500元」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const found = await memberAndRest(ctx, secretary, '困难', caseUsage);
    if (!found) return;
    if (!found.rest || found.rest.length > maxDescriptionLength) {
      ctx.reply(found.rest ? `情况说明最多 ${maxDescriptionLength} 字。${caseUsage}` : caseUsage);
      return;
    }
    const opened = await openHardshipCase(ctx.db, { memberId: found.member.id, description: found.rest, openedById: secretary.id, at: ctx.message.sentAt });
    ctx.reply(
      opened === 'opened'
        ? `已登记 ${found.member.name} 的困难情况。帮扶后发送「帮扶 ${found.member.name} 慰问金 500元」等记录，解决后发送「结案 ${found.member.name}」。`
        : `${found.member.name} 已有未结案的困难帮扶，请继续用「帮扶 ${found.member.name} …」记录，或先「结案 ${found.member.name}」。`,
    );
  },
};

/** 帮扶 张三 慰问金 500元 / 帮扶 张三 物资 米面油 (secretary): help given in the open case. */
export const recordHelpCommand: Command = {
  name: 'record-help',
  keywords: ['帮扶'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const found = await memberAndRest(ctx, secretary, '帮扶', helpUsage);
    if (!found) return;
    const help = parseHelp(found.rest);
    if (help.outcome !== 'ok') {
      ctx.reply(helpRefusal(help, found.member.name));
      return;
    }
    const recorded = await recordHelp(ctx.db, { memberId: found.member.id, ...help, recordedById: secretary.id, at: ctx.message.sentAt });
    if (recorded.outcome === 'no-case') {
      ctx.reply(`${found.member.name} 没有未结案的困难帮扶，请先发送「困难 ${found.member.name} 情况」登记。`);
      return;
    }
    const what = help.amount ? `${help.kind} ${help.amount} 元` : `${help.kind}${help.detail ? `（${help.detail}）` : ''}`;
    ctx.reply(`已记录：向 ${found.member.name} 提供${what}。本次困难帮扶已记录 ${recorded.helps} 次。`);
  },
};

function helpRefusal(help: Exclude<ParsedHelp, { outcome: 'ok' }>, name: string): string {
  switch (help.outcome) {
    case 'bad-amount':
      return `${help.kind}请写金额（大于 0、最多 ${maxHelpAmountYuan.toLocaleString('en-US')} 元的数字），例如「帮扶 ${name} ${help.kind} 500元」。`;
    case 'detail-too-long':
      return `帮扶内容最多 ${maxHelpDetailLength} 字，请精简后重新发送。`;
    case 'unreadable':
      return helpUsage;
  }
}

/** 结案 张三 (secretary): closes the member's hardship case. */
export const closeHardshipCaseCommand: Command = {
  name: 'close-hardship-case',
  keywords: ['结案'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const member = await findMemberForSecretary(ctx, secretary, '结案');
    if (!member) return;
    const closed = await closeHardshipCase(ctx.db, { memberId: member.id, at: ctx.message.sentAt });
    ctx.reply(closed ? `${member.name} 的困难帮扶已结案。` : `${member.name} 没有未结案的困难帮扶。`);
  },
};
