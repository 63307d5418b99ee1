import type { FastifyInstance } from 'fastify';
import { activityPhase } from '../../domain/activities/activity-phase.ts';
import { attendanceWindowOf } from '../../domain/activities/attendance-book.ts';
import { listActivities } from '../../domain/activities/list-activities.ts';
import { streamAttendance } from '../../domain/activities/stream-attendance.ts';
import { streamMonthlyCheckIns } from '../../domain/check-in/stream-monthly-check-ins.ts';
import { findScopedOrganization } from '../../domain/console/find-scoped-organization.ts';
import { streamMemberLedger } from '../../domain/members/stream-member-ledger.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import { streamBookHandouts } from '../../domain/study/stream-book-handouts.ts';
import { streamStudyConfirmations } from '../../domain/study/stream-study-confirmations.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { rowIdSchema, statusLabel, when } from '../format.ts';
import { userOf } from '../session.ts';
import { addRow, addSheet, sendWorkbook } from './xlsx-stream.ts';

const roleLabels = { MEMBER: '党员', SECRETARY: '书记', ADMIN: '管理员' } as const;
const ledgerMonths = 12;

/** The Excel exports, each for the user's organisation (or one below it, ?org=) and everything below. */
export const exports = ['ledger', 'check-ins', 'activities', 'study'] as const;
export type ExportName = (typeof exports)[number];

export const exportTitles: Record<ExportName, string> = {
  ledger: '党员台账',
  'check-ins': '签到统计（按月）',
  activities: '活动与出席',
  study: '学习打卡与发书',
};

/** The last `count` months as YYYY-MM, oldest first, ending with the current local month. */
function recentMonths(now: Date, timeZone: string, count: number): string[] {
  const [year, month] = localDay(now, timeZone).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

export function exportRoutes(deps: ConsoleDeps) {
  const { db, log } = deps;
  const timeZone = deps.config.APP_TIME_ZONE;
  const at = (date: Date | null) => (date ? when(date, timeZone) : null);
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/export/:name',
      {
        schema: {
          params: { type: 'object', required: ['name'], properties: { name: { type: 'string', enum: exports.map((name) => `${name}.xlsx`) } } },
          querystring: { type: 'object', properties: { org: rowIdSchema } },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const name = (request.params as { name: string }).name.replace(/\.xlsx$/, '') as ExportName;
        const organization = await findScopedOrganization(db, { scopePath: user.scopePath, organizationId: (request.query as { org?: number }).org });
        if (!organization) return reply.callNotFound();
        const organizationPath = organization.path;
        const today = localDay(deps.now(), timeZone);
        log.info({ memberId: user.memberId, organizationId: organization.id, export: name }, 'console export');
        const fileName = `${organization.name}-${exportTitles[name]}-${today}.xlsx`;
        await sendWorkbook(reply, {
          fileName,
          log,
          write: async (workbook) => {
            if (name === 'ledger') {
              const sheet = addSheet(workbook, '党员台账', ['姓名', '手机号', '党组织', '角色', '状态', '微信绑定', '绑定时间', '现居地', '工作', '最近动态', '标签', '登记时间']);
              for await (const batch of streamMemberLedger(db, { organizationPath, timeZone })) {
                for (const m of batch) {
                  addRow(sheet, [m.name, m.phone, m.organizationPath, roleLabels[m.role], statusLabel(m.status), m.bound ? '已绑定' : '未绑定', m.boundAt, m.residence, m.workplace, m.lastActiveAt, m.tags, m.createdAt]);
                }
              }
              sheet.commit();
            } else if (name === 'check-ins') {
              const months = recentMonths(deps.now(), timeZone, ledgerMonths);
              const sheet = addSheet(workbook, '签到统计', ['姓名', '党组织', ...months.map((month) => `${month} 签到天数`), '合计']);
              for await (const batch of streamMonthlyCheckIns(db, { organizationPath, fromMonth: months[0]! })) {
                for (const m of batch) {
                  const counts = months.map((month) => m.byMonth.get(month) ?? 0);
                  addRow(sheet, [m.name, m.organizationPath, ...counts, counts.reduce((sum, count) => sum + count, 0)]);
                }
              }
              sheet.commit();
            } else if (name === 'activities') {
              const window = attendanceWindowOf(deps.config);
              const activities = addSheet(workbook, '活动', ['编号', '活动', '时间', '地点', '党组织', '状态', '邀请', '送达', '报名', '出席', '未回复']);
              for (const a of await listActivities(db, { organizationPath, limit: 100_000 })) {
                addRow(activities, [a.id, a.title, at(a.startsAt), a.place, a.organizationPath, activityPhase(a, deps.now(), window), a.invited, a.delivered, a.rsvpYes, a.attended, a.unanswered]);
              }
              activities.commit();
              const attendance = addSheet(workbook, '出席名单', ['活动编号', '活动', '姓名', '党组织', '签到时间']);
              for await (const batch of streamAttendance(db, { organizationPath })) {
                for (const t of batch) addRow(attendance, [t.activityId, t.title, t.name, t.organizationPath, at(t.at)]);
              }
              attendance.commit();
            } else {
              const confirmations = addSheet(workbook, '学习打卡', ['学习包', '推送时间', '姓名', '党组织', '已学时间']);
              for await (const batch of streamStudyConfirmations(db, { organizationPath })) {
                for (const s of batch) addRow(confirmations, [s.title, at(s.pushedAt), s.name, s.organizationPath, at(s.at)]);
              }
              confirmations.commit();
              const books = addSheet(workbook, '发书', ['发放时间', '姓名', '党组织', '书名']);
              for await (const batch of streamBookHandouts(db, { organizationPath })) {
                for (const b of batch) addRow(books, [at(b.at), b.memberName, b.organizationPath, b.title]);
              }
              books.commit();
            }
          },
        });
        return reply;
      },
    );
  };
}

