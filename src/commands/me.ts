import { getCheckInRecord } from '../domain/get-check-in-record.ts';
import { localDay } from '../domain/local-day.ts';
import type { Command } from './command.ts';

/** 我的: the member's own record. */
export const meCommand: Command = {
  name: 'me',
  keywords: ['我的'],
  takesArguments: false,
  needsMember: true,
  help: '我的 —— 查看我的签到记录',
  async handle(ctx) {
    const member = ctx.sender.member!;
    const today = localDay(ctx.message.sentAt, ctx.timeZone);
    const record = await getCheckInRecord(ctx.db, { memberId: member.id, today });
    const last = record.lastCheckIn
      ? `${record.lastCheckIn.day}${record.lastCheckIn.place ? `（${record.lastCheckIn.place}）` : ''}`
      : '还没有签到记录';
    ctx.reply(
      [
        `${member.name}（${member.organizationPath}）`,
        `最近签到：${last}`,
        `本月签到：${record.daysThisMonth} 天`,
        `连续签到：${record.streak} 天`,
      ].join('\n'),
    );
  },
};
