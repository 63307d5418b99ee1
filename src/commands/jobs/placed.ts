import { recordPlacement } from '../../domain/jobs/record-placement.ts';
import type { Command } from '../command.ts';

const longestNote = 50;

/** 已就业 [单位]: the member found work; the search ends. */
export const placedCommand: Command = {
  name: 'placed',
  keywords: ['已就业'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  async handle(ctx) {
    if (ctx.args.length > longestNote) {
      ctx.reply(`单位写得太长（最多 ${longestNote} 字），例如「已就业 格尔木某物流公司」。`);
      return;
    }
    const outcome = await recordPlacement(ctx.db, { memberId: ctx.sender.member!.id, note: ctx.args || null, now: ctx.message.sentAt });
    ctx.reply(outcome === 'placed' ? '恭喜您找到工作！已停止为您推送岗位。' : '您没有在登记求职。返乡未就业的，请发送「返乡」或「求职 …」。');
  },
};
