import { countWaitingStudyPacks } from '../../domain/study/count-waiting-study-packs.ts';
import { pushNextStudyPack } from '../../domain/study/push-next-study-pack.ts';
import { sendingText } from '../../domain/shared/sending-forecast.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 立即发送: the secretary's organisation's next waiting 学习包 goes out now, not at the weekly push. */
export const pushStudyPackCommand: Command = {
  name: 'push-study-pack',
  keywords: ['立即发送'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '立即发送 —— （书记）马上推送队列中的下一个学习包',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const pushed = await pushNextStudyPack(ctx.db, { organizationId: secretary.organizationId, now: ctx.message.sentAt });
    if (!pushed) {
      ctx.reply('没有等待发送的学习包。请先发送「学习包 标题 链接或正文」并确认。');
      return;
    }
    ctx.deliver(pushed.deliveryIds);
    const [left, forecast] = await Promise.all([
      countWaitingStudyPacks(ctx.db, { organizationId: secretary.organizationId }),
      ctx.forecast(pushed.broadcastId),
    ]);
    ctx.reply(
      `学习包「${pushed.title}」${sendingText(forecast, pushed.recipients, ctx.config.APP_TIME_ZONE)}（私聊）。` +
        (left > 0 ? `队列中还有 ${left} 个学习包。` : '') +
        '发送「学习统计」查看学习情况。',
    );
  },
};
