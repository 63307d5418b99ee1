import { formatCareDay, whereaboutsText } from '../../domain/care/care-text.ts';
import { listWhereaboutsHistory } from '../../domain/whereabouts/list-whereabouts-history.ts';
import { setWhereabouts } from '../../domain/whereabouts/set-whereabouts.ts';
import { maxWhereaboutsLength, whereaboutsSourceLabels } from '../../domain/whereabouts/whereabouts-text.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { findMemberForCarer } from '../contact-persons/find-cared-member.ts';
import { countCaredMembers } from '../../domain/contact-persons/count-cared-members.ts';

const usage = '格式：「去向 城市 工作」，例如「去向 格尔木市 跑运输」；只改一项可发送「现居地 …」或「工作 …」。';

/**
 * 去向 格尔木市 跑运输: a member sets their own whereabouts (city, then work), kept as history.
 * 去向 张三 (one name, perhaps with a phone ending): a secretary (organisation and below) or the
 * member's contact person reads the member's whereabouts history.
 */
export const whereaboutsCommand: Command = {
  name: 'whereabouts',
  keywords: ['去向'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  help: '去向 城市 工作 —— 更新我的去向，例如「去向 格尔木市 跑运输」；也可「现居地 …」「工作 …」',
  async handle(ctx) {
    const own = /^(\S+)\s+(?!\d{4}$)(.+)$/s.exec(ctx.args);
    if (own) {
      await setOwn(ctx, { residence: own[1]!, workplace: own[2]!.trim() });
      return;
    }
    // A name alone reads that member's history — for those who may; a member who looks after nobody
    // most likely meant their own city, and is shown how to write it.
    const member = ctx.sender.member!;
    if (!ctx.args) {
      ctx.replyPrivately(usage);
      return;
    }
    if (member.role === 'MEMBER' && (await countCaredMembers(ctx.db, { contactPersonId: member.id })) === 0) {
      ctx.replyPrivately(`无权限查看他人的去向（只有书记、管理员和结对联系人可以）。更新您自己的去向，${usage}`);
      return;
    }
    await showHistory(ctx);
  },
};

/** 现居地 西宁市城北区: sets only where the member lives. */
export const residenceCommand: Command = {
  name: 'residence',
  keywords: ['现居地'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  async handle(ctx) {
    if (ctx.args) await setOwn(ctx, { residence: ctx.args });
    else if (ctx.isDirect) ctx.reply('请写上现居地，例如「现居地 西宁市城北区」。');
  },
};

/** 工作 物流公司货车司机: sets only the member's work. */
export const workplaceCommand: Command = {
  name: 'workplace',
  keywords: ['工作'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  async handle(ctx) {
    if (ctx.args) await setOwn(ctx, { workplace: ctx.args });
    // A bare 工作 in a group is chatter: nothing answers it there.
    else if (ctx.isDirect) ctx.reply('请写上工作，例如「工作 物流公司货车司机」。');
  },
};

async function setOwn(ctx: CommandContext, change: { residence?: string; workplace?: string }): Promise<void> {
  if ([change.residence, change.workplace].some((value) => value !== undefined && [...value].length > maxWhereaboutsLength)) {
    ctx.replyPrivately(`每项最多 ${maxWhereaboutsLength} 字。${usage}`);
    return;
  }
  const member = ctx.sender.member!;
  const set = await setWhereabouts(ctx.db, { memberId: member.id, ...change, source: 'MEMBER', recordedById: member.id, at: ctx.message.sentAt });
  ctx.replyPrivately(`已更新您的去向：${whereaboutsText(set)}。谢谢！`);
}

async function showHistory(ctx: CommandContext): Promise<void> {
  const found = await findMemberForCarer(ctx, '去向', ctx.args);
  if (!found) return;
  const now = ctx.message.sentAt;
  const timeZone = ctx.config.APP_TIME_ZONE;
  const history = await listWhereaboutsHistory(ctx.db, { memberId: found.member.id, limit: 10 });
  ctx.reply(
    [
      `📍 ${found.member.name} 的去向：${whereaboutsText(history.current)}（${formatCareDay(history.current.since, now, timeZone)}起）`,
      ...(history.changes.length === 0
        ? ['此前没有变更记录（名册导入的去向）。']
        : [
            '变更记录：',
            ...history.changes.map(
              (change) =>
                `· ${formatCareDay(change.at, now, timeZone)} ${whereaboutsText(change)}（${whereaboutsSourceLabels[change.source]}` +
                `${change.source === 'VISIT' && change.recordedBy ? `：${change.recordedBy}` : ''}）`,
            ),
          ]),
    ].join('\n'),
  );
}
