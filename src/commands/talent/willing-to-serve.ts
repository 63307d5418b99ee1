import { setTalentProfile } from '../../domain/talent/set-talent-profile.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';

/** 愿意 回村任职: the member is willing to serve in the village (community) committees and is listed in 人才库. */
export const willingToServeCommand: Command = {
  name: 'willing-to-serve',
  keywords: ['愿意'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  help: '愿意 回村任职 —— 表示愿意回村（社区）任职；「不愿意 回村任职」撤回',
  handle: (ctx) => setWillingness(ctx, true),
};

/** 不愿意 回村任职: withdraws it. */
export const notWillingToServeCommand: Command = {
  name: 'not-willing-to-serve',
  keywords: ['不愿意'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  handle: (ctx) => setWillingness(ctx, false),
};

async function setWillingness(ctx: CommandContext, willing: boolean): Promise<void> {
  if (ctx.args !== '回村任职') {
    ctx.reply(`请发送「${willing ? '愿意' : '不愿意'} 回村任职」。`);
    return;
  }
  await setTalentProfile(ctx.db, { memberId: ctx.sender.member!.id, willingToServe: willing });
  ctx.reply(
    willing
      ? '已记下：您愿意回村（社区）任职。书记可在人才库中看到您的特长和参与情况；发送「我的」查看您自己的数据。'
      : '已记下：您不再列入回村（社区）任职人才库。',
  );
}
