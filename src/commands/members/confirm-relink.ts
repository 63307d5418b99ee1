import { answerRelinkQuestion } from '../../domain/members/answer-relink-question.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

const usage = '请回复「确认对应 编号 序号」，例如「确认对应 12 1」（编号和序号见【待确认】消息）。';

/** 确认对应 <编号> <序号>: a secretary answers a 【待确认】 question after a login, saying which contact is the member. */
export const confirmRelinkCommand: Command = {
  name: 'confirm-relink',
  keywords: ['确认对应'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '确认对应 编号 序号 —— （书记）助手重新登录后，确认哪个微信是该党员（见【待确认】消息），例如「确认对应 12 1」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const match = /^(\d{1,12})\s+(\d{1,3})$/.exec(ctx.args.trim());
    if (!match) {
      ctx.reply(usage);
      return;
    }
    const answer = await answerRelinkQuestion(ctx.db, {
      secretary,
      questionId: Number(match[1]),
      choice: Number(match[2]),
      account: ctx.config.BOT_NAME,
      now: ctx.message.sentAt,
    });
    switch (answer.outcome) {
      case 'relinked':
        ctx.markContacts([answer.contactId]);
        ctx.reply(`已确认：${answer.memberName} 的记录已关联到所选微信，之前的记录和待发消息都已保留。`);
        return;
      case 'not-found':
        ctx.reply(`没有找到编号为「${match[1]}」的待确认事项。`);
        return;
      case 'answered':
        ctx.reply(`待确认 ${match[1]} 已经确认过了。`);
        return;
      case 'no-such-choice':
        ctx.reply(`序号应为 1 到 ${answer.choices}。${usage}`);
        return;
      case 'taken':
        ctx.reply('所选微信已绑定了其他党员，未做更改。请核实后再试，或使用「解绑」。');
    }
  },
};
