import { registerJobSeeker } from '../../domain/jobs/register-job-seeker.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';

const mostWishes = 10;
const longestWish = 10;

/** 返乡: a member back home without work registers as a job seeker. */
export const returneeCommand: Command = {
  name: 'returnee',
  keywords: ['返乡'],
  takesArguments: false,
  needsMember: true,
  answersPrivately: true,
  help: '返乡 / 求职 意愿… —— 返乡未就业，登记求职意愿，有合适岗位会通知您，例如「求职 电焊 货车司机」',
  handle: (ctx) => register(ctx, null),
};

/** 求职 <能做的或想做的…>: the same, with their wishes (replacing earlier ones), matched against posts. */
export const seekJobCommand: Command = {
  name: 'seek-job',
  keywords: ['求职'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  async handle(ctx) {
    const wishes = [...new Set(ctx.args.split(' ').filter(Boolean))];
    if (wishes.length === 0 || wishes.length > mostWishes || wishes.some((wish) => [...wish].length > longestWish || [...wish].length < 2)) {
      ctx.reply(`请写上您能做或想做的工作，用空格分开（最多 ${mostWishes} 项，每项 2 到 ${longestWish} 字），例如「求职 电焊 货车司机」。`);
      return;
    }
    await register(ctx, wishes);
  },
};

async function register(ctx: CommandContext, wishes: string[] | null): Promise<void> {
  await registerJobSeeker(ctx.db, { memberId: ctx.sender.member!.id, wishes, now: ctx.message.sentAt });
  ctx.reply(
    `已登记您在找工作${wishes ? `（${wishes.join('、')}）` : ''}。书记发布合适的岗位或培训会私聊通知您；找到工作后请发送「已就业 单位」。` +
      (wishes ? '' : '发送「求职 电焊 货车司机」可写明意愿，只收到相符的岗位。'),
  );
}
