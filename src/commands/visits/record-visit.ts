import { reportVisit } from '../../domain/visits/report-visit.ts';
import { parseVisitText } from '../../domain/visits/visit-text.ts';
import type { Command } from '../command.ts';
import { findMemberForCarer } from '../contact-persons/find-cared-member.ts';

const usage = '格式：走访 姓名 方式 情况，方式为 电话 / 视频 / 上门 / 微信 / 家属，例如「走访 张三 电话 已联系上，在格尔木跑运输，年底回来」；同名时在姓名后加手机号后四位。';
const maxNoteLength = 500;

/**
 * 走访 张三 电话 情况 (secretaries for their organisation and below; contact persons for their own
 * members): records a visit or talk (走访慰问, 谈心谈话). The member counts as reached; a 疑似失联
 * member is no longer, and the secretaries (and contact person) are told who reached them. A
 * whereabouts in the note is offered for 确认去向, never set silently. The note is never logged.
 */
export const recordVisitCommand: Command = {
  name: 'record-visit',
  keywords: ['走访', '谈心谈话'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '走访 姓名 电话/视频/上门/微信/家属 情况 —— （书记、结对联系人）记录走访、谈心谈话；「走访记录 姓名」查看',
  async handle(ctx) {
    const written = parseVisitText(ctx.args);
    const note = written?.note ?? '';
    if (!written || !note || note.length > maxNoteLength) {
      ctx.replyPrivately(note.length > maxNoteLength ? `情况说明最多 ${maxNoteLength} 字。${usage}` : usage);
      return;
    }
    const found = await findMemberForCarer(ctx, '走访', written.named);
    if (!found) return;
    const { carer, member } = found;
    const kindLabel = written.kind;
    const { wasLost, proposed, deliveryIds } = await reportVisit(ctx.db, { member, carer, kindLabel, note, at: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE });
    ctx.deliver(deliveryIds);
    ctx.reply(
      [
        `已记录：${kindLabel}联系 ${member.name}。${wasLost ? `${member.name} 不再列入疑似失联，已告知书记。` : ''}`,
        ...(proposed
          ? [`记录中提到去向：现居地 ${proposed.residence}${proposed.workplace ? `，工作 ${proposed.workplace}` : ''}。核实无误请发送「确认去向」更新（不会自动修改）。`]
          : []),
      ].join('\n'),
    );
  },
};
