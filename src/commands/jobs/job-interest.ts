import { recordJobInterest } from '../../domain/jobs/record-job-interest.ts';
import type { Command } from '../command.ts';

/** 意向 <编号>: a member interested in a post they received; its secretary is told. */
export const jobInterestCommand: Command = {
  name: 'job-interest',
  keywords: ['意向'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  async handle(ctx) {
    if (!/^\d{1,10}$/.test(ctx.args)) {
      ctx.reply('格式：意向 编号，例如「意向 12」（编号见岗位信息）。');
      return;
    }
    const jobPostId = Number(ctx.args);
    const member = ctx.sender.member!;
    const result = await recordJobInterest(ctx.db, { jobPostId, member, now: ctx.message.sentAt });
    switch (result.outcome) {
      case 'unknown-post':
        ctx.reply(`没有发给您的编号为 ${jobPostId} 的岗位，请核对岗位信息里的编号。`);
        return;
      case 'already':
        ctx.reply(`您已经对岗位 ${jobPostId} 表示过意向，书记会与您联系。`);
        return;
      case 'recorded':
        if (result.deliveryId !== null) ctx.deliver([result.deliveryId]);
        ctx.reply(`已告诉书记您对岗位 ${jobPostId} 有意向，请留意电话或消息。`);
    }
  },
};
