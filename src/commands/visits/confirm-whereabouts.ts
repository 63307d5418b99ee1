import { takeProposedWhereabouts } from '../../domain/visits/take-proposed-whereabouts.ts';
import { setWhereabouts } from '../../domain/whereabouts/set-whereabouts.ts';
import type { Command } from '../command.ts';

/** A visit's whereabouts can be confirmed this long after it was recorded. */
const confirmWithinMs = 24 * 3600_000;

/** 确认去向: the whereabouts read from the sender's latest 走访 note become the member's (kept as history). */
export const confirmWhereaboutsCommand: Command = {
  name: 'confirm-whereabouts',
  keywords: ['确认去向'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  async handle(ctx) {
    const carer = ctx.sender.member!;
    const proposed = await takeProposedWhereabouts(ctx.db, { recordedById: carer.id, now: ctx.message.sentAt, withinMs: confirmWithinMs });
    if (!proposed) {
      ctx.replyPrivately('没有待确认的去向：「走访」记录中提到去向后，24 小时内可以发送「确认去向」。');
      return;
    }
    const set = await setWhereabouts(ctx.db, {
      memberId: proposed.memberId,
      ...(proposed.residence ? { residence: proposed.residence } : {}),
      ...(proposed.workplace ? { workplace: proposed.workplace } : {}),
      source: 'VISIT',
      recordedById: carer.id,
      at: ctx.message.sentAt,
    });
    ctx.replyPrivately(`已更新 ${proposed.memberName} 的去向：现居地 ${set.residence ?? '不详'}，工作 ${set.workplace ?? '不详'}。`);
  },
};
