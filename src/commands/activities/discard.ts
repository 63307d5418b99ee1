import { discardBroadcastPreview } from '../../domain/broadcasts/discard-broadcast-preview.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/** 取消 (after a 活动 / 通知 / 投票 / 学习包 preview): nothing is sent. */
export const discardCommand: Command = {
  name: 'discard',
  keywords: ['取消'],
  takesArguments: false,
  needsMember: true,
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const discarded = await discardBroadcastPreview(ctx.db, { secretaryId: secretary.id });
    ctx.reply(discarded ? '已作废，什么也没有发送。' : '没有待确认的活动、通知、投票或学习包。');
  },
};
