import { getCheckInRecord } from '../../domain/check-in/get-check-in-record.ts';
import { getStudyRecord } from '../../domain/study/get-study-record.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import type { Command } from '../command.ts';

/** 我的: the member's own record. */
export const meCommand: Command = {
  name: 'me',
  keywords: ['我的'],
  takesArguments: false,
  needsMember: true,
  help: '我的 —— 查看我的签到和学习记录',
  async handle(ctx) {
    const member = ctx.sender.member!;
    const today = localDay(ctx.message.sentAt, ctx.config.APP_TIME_ZONE);
    const [record, study] = await Promise.all([
      getCheckInRecord(ctx.db, { memberId: member.id, today }),
      getStudyRecord(ctx.db, { memberId: member.id, now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE }),
    ]);
    const last = record.lastCheckIn
      ? `${record.lastCheckIn.day}${record.lastCheckIn.place ? `（${record.lastCheckIn.place}）` : ''}`
      : '还没有签到记录';
    ctx.reply(
      [
        `${member.name}（${member.organizationPath}）`,
        `最近签到：${last}`,
        `本月签到：${record.daysThisMonth} 天`,
        `连续签到：${record.streak} 天`,
        `学习：今年学习打卡 ${study.confirmationsThisYear} 次；领取党建书籍 ${study.books} 本` +
          (study.latestBook ? `（最近：《${study.latestBook}》）` : ''),
      ].join('\n'),
    );
  },
};
