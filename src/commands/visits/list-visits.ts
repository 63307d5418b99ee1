import { listVisits } from '../../domain/visits/list-visits.ts';
import { visitKindLabels } from '../../domain/visits/visit-text.ts';
import { localDateTime } from '../../domain/shared/local-time.ts';
import type { Command } from '../command.ts';
import { findMemberForCarer } from '../contact-persons/find-cared-member.ts';

const shown = 10;

/** 走访记录 张三: the member's last visits, for secretaries (organisation and below) and the member's contact person. */
export const listVisitsCommand: Command = {
  name: 'list-visits',
  keywords: ['走访记录'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  async handle(ctx) {
    const found = await findMemberForCarer(ctx, '走访记录', ctx.args);
    if (!found) return;
    const visits = await listVisits(ctx.db, { memberId: found.member.id, limit: shown });
    if (visits.length === 0) {
      ctx.reply(`${found.member.name} 还没有走访记录。联系后发送「走访 ${found.member.name} 电话 情况」记录。`);
      return;
    }
    ctx.reply(
      [
        `📒 ${found.member.name} 最近的走访记录：`,
        ...visits.map((visit) => `· ${localDateTime(visit.at, ctx.config.APP_TIME_ZONE)} ${visitKindLabels[visit.kind]}（${visit.recordedBy}）：${visit.note}`),
      ].join('\n'),
    );
  },
};
