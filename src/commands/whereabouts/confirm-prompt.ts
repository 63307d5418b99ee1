import { confirmPromptedWhereabouts } from '../../domain/whereabouts/confirm-prompted-whereabouts.ts';
import type { Command } from '../command.ts';

/** The answer 是 counts this long after the quarterly question. */
const answerWithinMs = 30 * 24 * 3600_000;

/**
 * 是: the answer to the quarterly whereabouts question (the whereabouts on record still hold). Only in
 * a direct chat: in a group 是 is chatter, and nothing answers it there.
 */
export const confirmPromptCommand: Command = {
  name: 'confirm-whereabouts-prompt',
  keywords: ['是'],
  takesArguments: false,
  needsMember: true,
  async handle(ctx) {
    if (!ctx.isDirect) return;
    const confirmed = await confirmPromptedWhereabouts(ctx.db, { memberId: ctx.sender.member!.id, now: ctx.message.sentAt, withinMs: answerWithinMs });
    ctx.reply(confirmed ? '好的，已确认您的去向没有变化。谢谢！' : '收到。如需更新去向，请发送「去向 城市 工作」，例如「去向 格尔木市 跑运输」。');
  },
};
