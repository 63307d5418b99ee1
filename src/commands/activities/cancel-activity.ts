import { cancelActivity } from '../../domain/activities/cancel-activity.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 取消活动 <编号>: a secretary cancels an activity; those who said 报名 are told. */
export const cancelActivityCommand: Command = {
  name: 'cancel-activity',
  keywords: ['取消活动'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '取消活动 编号 —— （书记）取消活动并通知已报名的党员，例如「取消活动 12」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const activityId = Number(ctx.args);
    if (!Number.isInteger(activityId) || activityId <= 0) {
      ctx.reply('请写上活动编号，例如「取消活动 12」。');
      return;
    }
    const result = await cancelActivity(ctx.db, { activityId, secretary, now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE });
    switch (result.outcome) {
      case 'not-found':
        ctx.reply(`没有编号为 ${activityId} 的活动。`);
        return;
      case 'forbidden':
        ctx.reply('无权限：这不是您所在组织的活动。');
        return;
      case 'not-open':
        ctx.reply(`活动 ${activityId} 已经取消或尚未确认。`);
        return;
      case 'cancelled':
        ctx.deliver(result.deliveryIds);
        ctx.reply(`已取消「${result.title}」，正在通知 ${result.deliveryIds.length} 名已报名的党员。`);
    }
  },
};
