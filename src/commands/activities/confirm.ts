import { officialAccountPuppet, type Config } from '../../config.ts';
import { confirmBroadcastPreview } from '../../domain/broadcasts/confirm-broadcast-preview.ts';
import { consoleBaseUrl } from '../../domain/console/console-address.ts';
import { sendingText } from '../../domain/shared/sending-forecast.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';
import { studyPushTime } from '../study/study-push-schedule.ts';

/** 确认: sends the secretary's latest 活动 / 通知 / 投票 preview, or puts their 学习包 in the queue. */
export const confirmCommand: Command = {
  name: 'confirm',
  keywords: ['确认'],
  takesArguments: false,
  needsMember: true,
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const result = await confirmBroadcastPreview(ctx.db, { secretaryId: secretary.id, now: ctx.message.sentAt });
    if (result.outcome === 'nothing-to-confirm') {
      ctx.reply('没有待确认的活动、通知、投票或学习包。请先发送「活动 …」「通知 …」「投票 …」或「学习包 …」。');
      return;
    }
    if (result.outcome === 'waiting') {
      const { studyPack, position } = result;
      const when = position ? studyPushTime({ now: ctx.message.sentAt, config: ctx.config, position }) : null;
      ctx.reply(
        position
          ? `已确认，学习包「${studyPack.title}」排在队列第 ${position} 位，${when ? `预计 ${when} ` : ''}随每周定时推送发出。` +
              (position === 1 ? '发送「立即发送」可马上发出。' : '')
          : `已确认，学习包「${studyPack.title}」已经发出。`,
      );
      return;
    }
    ctx.deliver(result.deliveryIds);
    if (result.activity) ctx.scheduleReminders(result.activity);
    const what = result.activity ? `活动（编号 ${result.activity.id}）` : result.poll ? `投票（编号 ${result.poll.id}）` : result.jobPost ? '岗位信息' : '通知';
    const forecast = await ctx.forecast(result.broadcastId);
    const members = result.deliveryIds.length - result.groups + result.unreachable;
    ctx.reply(
      `已确认，${what}${sendingText(forecast, members, ctx.config.APP_TIME_ZONE)}` +
        (result.groups > 0 ? `；并发到 ${result.groups} 个群` : '') +
        '。' +
        (result.activity ? `发送「统计 ${result.activity.id}」查看报名情况。${qrSheetLine(ctx.config, result.activity.id)}` : '') +
        (result.poll ? `发送「结果 ${result.poll.id}」查看投票结果。` : ''),
    );
  },
};

/** On the official account members attend by scanning: the line linking to the activity's printable QR code (opens after 后台 login). */
function qrSheetLine(config: Config, activityId: number): string {
  const base = config.WECHATY_PUPPET === officialAccountPuppet ? consoleBaseUrl(config) : null;
  return base ? `\n现场签到二维码（先发送「后台」登录，再打开打印）：${base}/activities/${activityId}/qr` : '';
}
