import { formatActivityTime } from '../../domain/activities/activity-text.ts';
import { findOpenActivities, type OpenActivity } from '../../domain/activities/find-open-activities.ts';
import { recordRsvp } from '../../domain/activities/record-rsvp.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';

/** 报名 [编号]: the member says they will come. */
export const rsvpCommand: Command = {
  name: 'rsvp',
  keywords: ['报名'],
  takesArguments: true,
  needsMember: true,
  help: '报名 [编号] —— 报名参加活动；有多个活动时写上编号，例如「报名 12」',
  async handle(ctx) {
    const activity = await chooseActivity(ctx, '报名');
    if (!activity) return;
    const member = ctx.sender.member!;
    const previous = await recordRsvp(ctx.db, { activityId: activity.id, memberId: member.id, status: 'YES', at: ctx.message.sentAt });
    const when = `${formatActivityTime(activity.startsAt, ctx.config.APP_TIME_ZONE)}，${activity.place}`;
    ctx.reply(
      previous === 'YES'
        ? `您已经报名了「${activity.title}」（${when}），不用重复报名。`
        : `报名成功！「${activity.title}」，${when}。活动前会提醒您；如有变化请回复「取消报名 ${activity.id}」。`,
    );
  },
};

/** 取消报名 [编号]. */
export const cancelRsvpCommand: Command = {
  name: 'cancel-rsvp',
  keywords: ['取消报名'],
  takesArguments: true,
  needsMember: true,
  help: '取消报名 [编号] —— 取消已报名的活动，例如「取消报名 12」',
  async handle(ctx) {
    const activity = await chooseActivity(ctx, '取消报名');
    if (!activity) return;
    const member = ctx.sender.member!;
    const previous = await recordRsvp(ctx.db, {
      activityId: activity.id,
      memberId: member.id,
      status: 'CANCELLED',
      at: ctx.message.sentAt,
    });
    ctx.reply(previous === 'YES' ? `已取消报名「${activity.title}」。` : `您还没有报名「${activity.title}」，不需要取消。`);
  },
};

/** The activity a 报名 / 取消报名 is about: the one given by number, or the only one open. */
async function chooseActivity(ctx: CommandContext, verb: string): Promise<OpenActivity | null> {
  const open = await findOpenActivities(ctx.db, { member: ctx.sender.member!, now: ctx.message.sentAt });
  if (ctx.args) {
    const id = Number(ctx.args.replace(/^(编号|#)/, ''));
    const chosen = open.find((activity) => activity.id === id);
    if (!chosen) ctx.reply(`没有找到编号为「${ctx.args}」的可报名活动。${list(ctx, open, verb)}`);
    return chosen ?? null;
  }
  if (open.length === 1) return open[0]!;
  ctx.reply(open.length === 0 ? '目前没有可以报名的活动。' : `现在有多个活动，请回复「${verb} 编号」：\n${list(ctx, open, verb)}`);
  return null;
}

function list(ctx: CommandContext, open: OpenActivity[], verb: string): string {
  if (open.length === 0) return '';
  const lines = open.map((a) => `${a.id}  ${a.title}  ${formatActivityTime(a.startsAt, ctx.config.APP_TIME_ZONE)}`);
  return `\n可${verb}的活动（编号  标题  时间）：\n${lines.join('\n')}`;
}
