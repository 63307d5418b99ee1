import { createBroadcastPreview } from '../../domain/activities/create-broadcast-preview.ts';
import { broadcastTextLimit, replyWithPreview, splitUrgent, tooLongText } from './activity.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat, splitTarget } from '../guards.ts';

/** 通知[@标签] <内容>: a one-way notice; same preview → 确认 flow as 活动, without 报名. */
export const noticeCommand: Command = {
  name: 'notice',
  keywords: ['通知'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '通知 内容 —— （书记）发送通知，确认后发送；「通知 紧急 …」越过每人每日条数上限',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const target = splitTarget(ctx.args);
    const { urgent, rest } = splitUrgent(target.rest);
    const { targetTag } = target;
    if (!rest) {
      ctx.reply('请写上通知内容，例如「通知 本周六上午社区开展环境整治志愿服务」。');
      return;
    }
    if (rest.length > broadcastTextLimit) {
      ctx.reply(tooLongText);
      return;
    }
    const preview = await createBroadcastPreview(ctx.db, {
      secretary,
      targetTag,
      urgent,
      timeZone: ctx.config.APP_TIME_ZONE,
      request: { kind: 'NOTICE', content: rest },
    });
    await replyWithPreview(ctx, { ...preview, organizationPath: secretary.organizationPath, targetTag, urgent });
  },
};
