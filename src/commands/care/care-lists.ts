import { careMemberLine } from '../../domain/care/care-text.ts';
import { cappedLines, namesShown } from '../../domain/shared/name-list.ts';
import { listAtRiskMembers, listSilentMembers, type CareListMember } from '../../domain/care/list-care-members.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { secretaryInDirectChat } from '../guards.ts';
import { listMembersOnLeave, type MemberOnLeave } from '../../domain/leave/list-members-on-leave.ts';
import { formatLeaveDay, leaveLastDay } from '../../domain/leave/parse-leave.ts';
import { relativeOrganization } from '../../domain/care/care-text.ts';

/**
 * 未签到: the secretary's organisation (and below): members silent for SILENT_AFTER_DAYS or never
 * active, with their last activity. Names go only to a secretary (or admin) in a direct chat, for
 * their own organisation and below; they are never logged.
 */
export const silentMembersCommand: Command = {
  name: 'silent-members',
  keywords: ['未签到'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '未签到 —— （书记）较长时间没有动态的党员',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const path = secretary.organizationPath;
    const now = ctx.message.sentAt;
    const [list, onLeave] = await Promise.all([
      listSilentMembers(ctx.db, {
        organizationPath: path,
        silentSince: new Date(now.getTime() - ctx.config.SILENT_AFTER_DAYS * 24 * 3600_000),
        now,
        limit: namesShown,
      }),
      listMembersOnLeave(ctx.db, { organizationPath: path, now, limit: namesShown }),
    ]);
    const days = ctx.config.SILENT_AFTER_DAYS;
    const leaveLines = onLeave.total === 0 ? [] : [
      `🧳 请假中 ${onLeave.total} 人（不发问候，不列入上面的名单）：`,
      ...cappedLines(onLeave.members.map((member) => leaveLine(ctx, path, member)), onLeave.total),
    ];
    if (list.total === 0) {
      ctx.reply([`✅ ${path}（含下级组织）的党员最近 ${days} 天都有动态。`, ...leaveLines].join('\n'));
      return;
    }
    const lines = list.members.map((member) => line(ctx, path, member, false));
    ctx.reply(
      [
        `🔕 ${path}（含下级组织）${days} 天以上没有动态（消息、签到、报名、已学）的党员 ${list.total} 人：`,
        ...cappedLines(lines, list.total),
        ...leaveLines,
        '已绑定微信的党员会收到助手的问候；发送「失联预警」查看疑似失联和未绑定微信的党员。',
      ].join('\n'),
    );
  },
};

/** 失联预警: members who are 疑似失联 and those the bot cannot reach, with last activity and whereabouts. */
export const atRiskMembersCommand: Command = {
  name: 'at-risk-members',
  keywords: ['失联预警'],
  takesArguments: false,
  needsMember: true,
  forSecretaries: true,
  help: '失联预警 —— （书记）疑似失联和未绑定微信的党员',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const path = secretary.organizationPath;
    const { lost, unreachable } = await listAtRiskMembers(ctx.db, { organizationPath: path, limit: namesShown });
    if (lost.total === 0 && unreachable.total === 0) {
      ctx.reply(`✅ ${path}（含下级组织）目前没有疑似失联或未绑定微信的党员。`);
      return;
    }
    const lines = [`⚠️ ${path}（含下级组织）失联预警`];
    lines.push(
      lost.total > 0
        ? `疑似失联 ${lost.total} 人（多次问候未回复、长时间没有动态）：`
        : '疑似失联：无',
      ...cappedLines(
        lost.members.map((member) => line(ctx, path, member, true)),
        lost.total,
      ),
    );
    lines.push(
      unreachable.total > 0 ? `未绑定微信 ${unreachable.total} 人（助手联系不到，请电话或当面联系，并提醒绑定）：` : '未绑定微信：无',
      ...cappedLines(
        unreachable.members.map((member) => line(ctx, path, member, true)),
        unreachable.total,
      ),
    );
    ctx.reply(lines.join('\n'));
  },
};

function line(ctx: CommandContext, scopePath: string, member: CareListMember, whereabouts: boolean): string {
  const notes = [
    ...(member.status === 'LOST_CONTACT' && !whereabouts ? ['疑似失联'] : []),
    ...(!member.bound && !whereabouts ? ['未绑定微信'] : []),
  ];
  return careMemberLine(member, {
    scopePath,
    now: ctx.message.sentAt,
    timeZone: ctx.config.APP_TIME_ZONE,
    whereabouts,
    ...(notes.length > 0 ? { note: notes.join('，') } : {}),
  });
}

/** · 张三（二支部）　请假到 12月31日　跑长途 */
function leaveLine(ctx: CommandContext, scopePath: string, member: MemberOnLeave): string {
  const timeZone = ctx.config.APP_TIME_ZONE;
  const until = formatLeaveDay(leaveLastDay(member.leaveUntil, timeZone), ctx.message.sentAt, timeZone);
  return [`· ${member.name}${relativeOrganization(member.organizationPath, scopePath)}`, `请假到 ${until}`, ...(member.reason ? [member.reason] : [])].join('　');
}
