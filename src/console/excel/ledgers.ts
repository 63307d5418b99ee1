import { activityPhase } from '../../domain/activities/activity-phase.ts';
import { attendanceWindowOf } from '../../domain/activities/attendance-book.ts';
import { listActivities } from '../../domain/activities/list-activities.ts';
import { streamAttendance } from '../../domain/activities/stream-attendance.ts';
import { streamMonthlyCheckIns } from '../../domain/check-in/stream-monthly-check-ins.ts';
import { streamHardshipCases } from '../../domain/hardship/stream-hardship-cases.ts';
import { streamHardshipHelp } from '../../domain/hardship/stream-hardship-help.ts';
import { streamJobInterests } from '../../domain/jobs/stream-job-interests.ts';
import { streamJobPosts } from '../../domain/jobs/stream-job-posts.ts';
import { streamJobSeekers } from '../../domain/jobs/stream-job-seekers.ts';
import { streamLeaveRecords } from '../../domain/leave/stream-leave-records.ts';
import { streamMemberLedger } from '../../domain/members/stream-member-ledger.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import { streamBookHandouts } from '../../domain/study/stream-book-handouts.ts';
import { streamStudyConfirmations } from '../../domain/study/stream-study-confirmations.ts';
import { streamSuggestions } from '../../domain/suggestions/stream-suggestions.ts';
import { getVolunteerStats } from '../../domain/teams/get-volunteer-stats.ts';
import { streamMemberServiceHours } from '../../domain/teams/stream-member-service-hours.ts';
import { streamVisits } from '../../domain/visits/stream-visits.ts';
import { visitKindLabels } from '../../domain/visits/visit-text.ts';
import { streamWhereaboutsChanges } from '../../domain/whereabouts/stream-whereabouts-changes.ts';
import { readsFrom, type ConsoleDeps } from '../console-deps.ts';
import { statusLabel, whereaboutsSources } from '../format.ts';
import type { CellValue, LedgerWorkbook, SheetColumn } from './xlsx-stream.ts';

/** What every ledger is written from: the organisation (and below) it is for, and the console's clock and settings. */
export interface LedgerScope {
  deps: ConsoleDeps;
  organizationPath: string;
  now: Date;
}

interface Ledger {
  title: string;
  write(workbook: LedgerWorkbook, scope: LedgerScope): Promise<void>;
}

const roleLabels = { MEMBER: '党员', SECRETARY: '书记', ADMIN: '管理员' } as const;
const checkInMonths = 12;

/** A column of local times, of local days, of counts, of amounts, of hours: text when not said. */
const datetime = (header: string): SheetColumn => ({ header, kind: 'datetime' });
const day = (header: string): SheetColumn => ({ header, kind: 'date' });
const count = (header: string): SheetColumn => ({ header, kind: 'count' });
const amount = (header: string): SheetColumn => ({ header, kind: 'amount' });
const text = (...headers: string[]): SheetColumn[] => headers.map((header) => ({ header }));

/**
 * One sheet of a ledger: its heading and columns, each row of each batch as it comes (a list read
 * whole is one batch), then the total row where there is one, computed by the time it is asked for.
 */
async function writeSheet<Row>(
  workbook: LedgerWorkbook,
  name: string,
  sheet: { title: string; period: string; columns: SheetColumn[] },
  batches: AsyncIterable<Row[]> | Iterable<Row[]>,
  toCells: (row: Row) => CellValue[],
  total?: () => CellValue[],
): Promise<void> {
  const written = workbook.addSheet(name, sheet);
  for await (const batch of batches) for (const row of batch) written.addRow(toCells(row));
  if (total) written.addTotal(total());
  written.commit();
}

const inScope = (scope: LedgerScope) => ({ organizationPath: scope.organizationPath });

function allRecords(scope: LedgerScope): string {
  return `全部记录（截至 ${localDay(scope.now, scope.deps.config.APP_TIME_ZONE)}）`;
}

/** The last `count` months as YYYY-MM, oldest first, ending with the current local month. */
function recentMonths(now: Date, timeZone: string, count: number): string[] {
  const [year, month] = localDay(now, timeZone).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1)).toISOString().slice(0, 7));
}

/** Yuan to whole fen, so a total of many amounts is exact. */
const fen = (yuan: number | null) => Math.round((yuan ?? 0) * 100);

/** The Excel exports (台账), each for the user's organisation (or one below it, ?org=) and everything below. */
export const ledgers = {
  ledger: {
    title: '党员台账',
    async write(workbook, scope) {
      const columns = [
        ...text('姓名', '手机号', '党组织', '角色', '状态', '微信绑定'),
        datetime('绑定时间'),
        ...text('现居地', '工作'),
        datetime('去向更新'),
        day('请假至'),
        ...text('请假事由', '联系人'),
        datetime('最近走访'),
        datetime('最近动态'),
        ...text('标签'),
        datetime('登记时间'),
      ];
      const period = `截至 ${localDay(scope.now, scope.deps.config.APP_TIME_ZONE)}`;
      await writeSheet(workbook, '党员台账', { title: '党员台账（花名册）', period, columns }, streamMemberLedger(readsFrom(scope.deps), { ...inScope(scope), now: scope.now }), (m) => [
        m.name, m.phone, m.organizationPath, roleLabels[m.role], m.leaveUntil ? '请假中' : statusLabel(m.status), m.bound ? '已绑定' : '未绑定', m.boundAt,
        m.residence, m.workplace, m.whereaboutsAt, lastDayOf(m.leaveUntil), m.leaveReason, m.contactPersonName, m.lastVisitAt, m.lastActiveAt, m.tags, m.createdAt,
      ]);
    },
  },
  'check-ins': {
    title: '签到统计（按月）',
    async write(workbook, scope) {
      const months = recentMonths(scope.now, scope.deps.config.APP_TIME_ZONE, checkInMonths);
      const columns = [...text('姓名', '党组织'), ...months.map((month) => count(month)), count('合计')];
      const sheet = { title: '签到统计（按月签到天数）', period: `${months[0]} 至 ${months.at(-1)}`, columns };
      await writeSheet(workbook, '签到统计', sheet, streamMonthlyCheckIns(readsFrom(scope.deps), { ...inScope(scope), fromMonth: months[0]! }), (m) => {
        const counts = months.map((month) => m.byMonth.get(month) ?? 0);
        return [m.name, m.organizationPath, ...counts, counts.reduce((sum, days) => sum + days, 0)];
      });
    },
  },
  activities: {
    title: '活动与出席',
    async write(workbook, scope) {
      const { config } = scope.deps;
      const db = readsFrom(scope.deps);
      const window = attendanceWindowOf(config);
      const figures = ['邀请', '送达', '报名', '出席', '未回复'].map(count);
      const activities = [await listActivities(db, { ...inScope(scope), limit: 100_000 })];
      await writeSheet(workbook, '活动', { title: '活动', period: allRecords(scope), columns: [count('编号'), ...text('活动'), datetime('时间'), ...text('地点', '党组织', '状态'), ...figures] }, activities, (a) => [
        a.id, a.title, a.startsAt, a.place, a.organizationPath, activityPhase(a, scope.now, window), a.invited, a.delivered, a.rsvpYes, a.attended, a.unanswered,
      ]);
      const columns = [count('活动编号'), ...text('活动', '姓名', '党组织'), datetime('签到时间')];
      await writeSheet(workbook, '出席名单', { title: '活动出席名单', period: allRecords(scope), columns }, streamAttendance(db, inScope(scope)), (t) => [
        t.activityId, t.title, t.name, t.organizationPath, t.at,
      ]);
    },
  },
  study: {
    title: '学习打卡与发书',
    async write(workbook, scope) {
      const db = readsFrom(scope.deps);
      const columns = [...text('学习包'), datetime('推送时间'), ...text('姓名', '党组织'), datetime('已学时间')];
      await writeSheet(workbook, '学习打卡', { title: '学习打卡', period: allRecords(scope), columns }, streamStudyConfirmations(db, inScope(scope)), (s) => [
        s.title, s.pushedAt, s.name, s.organizationPath, s.at,
      ]);
      const bookColumns = [datetime('发放时间'), ...text('姓名', '党组织', '书名')];
      await writeSheet(workbook, '发书', { title: '发书登记', period: allRecords(scope), columns: bookColumns }, streamBookHandouts(db, inScope(scope)), (b) => [
        b.at, b.memberName, b.organizationPath, b.title,
      ]);
    },
  },
  visits: {
    title: '走访台账',
    async write(workbook, scope) {
      const columns = [datetime('走访时间'), ...text('姓名', '手机号', '党组织', '方式', '走访人', '情况记录', '了解到的现居地', '了解到的工作'), datetime('去向确认时间')];
      await writeSheet(workbook, '走访台账', { title: '走访台账（走访与谈心谈话）', period: allRecords(scope), columns }, streamVisits(readsFrom(scope.deps), inScope(scope)), (v) => [
        v.at, v.name, v.phone, v.organizationPath, visitKindLabels[v.kind], v.recordedBy, v.note, v.proposedResidence, v.proposedWorkplace, v.confirmedAt,
      ]);
    },
  },
  hardship: {
    title: '困难帮扶台账',
    async write(workbook, scope) {
      const db = readsFrom(scope.deps);
      const columns = [
        count('编号'), ...text('姓名', '手机号', '党组织', '困难情况', '登记人'), datetime('登记时间'), ...text('状态'), datetime('结案时间'), count('帮扶次数'), amount('帮扶金额（元）'),
      ];
      const cases = { count: 0, help: 0, fen: 0 };
      await writeSheet(
        workbook,
        '困难帮扶',
        { title: '困难帮扶台账', period: allRecords(scope), columns },
        streamHardshipCases(db, inScope(scope)),
        (c) => {
          cases.count += 1;
          cases.help += c.helpCount;
          cases.fen += fen(c.amount);
          return [c.id, c.name, c.phone, c.organizationPath, c.description, c.openedBy, c.openedAt, c.closedAt ? '已结案' : '帮扶中', c.closedAt, c.helpCount, c.amount];
        },
        () => [`合计 ${cases.count} 户`, null, null, null, null, null, null, null, null, cases.help, cases.fen / 100],
      );
      const helpColumns = [count('帮扶对象编号'), ...text('姓名', '党组织'), datetime('帮扶时间'), ...text('帮扶方式'), amount('金额（元）'), ...text('说明', '登记人')];
      let helpFen = 0;
      await writeSheet(
        workbook,
        '帮扶明细',
        { title: '困难帮扶台账（帮扶明细）', period: allRecords(scope), columns: helpColumns },
        streamHardshipHelp(db, inScope(scope)),
        (h) => {
          helpFen += fen(h.amount);
          return [h.caseId, h.name, h.organizationPath, h.at, h.kind, h.amount, h.detail, h.recordedBy];
        },
        () => ['合计', null, null, null, null, helpFen / 100, null, null],
      );
    },
  },
  volunteers: {
    title: '志愿服务时长',
    async write(workbook, scope) {
      const { config } = scope.deps;
      const db = readsFrom(scope.deps);
      const timeZone = config.APP_TIME_ZONE;
      const period = `${localDay(scope.now, timeZone).slice(0, 4)}年`;
      const hours = { header: '服务时长（小时）', kind: 'hours' } as const;
      const memberColumns = [...text('姓名', '党组织', '所在队伍'), count('参加活动'), hours];
      const byMember = streamMemberServiceHours(db, { ...inScope(scope), now: scope.now, timeZone });
      await writeSheet(workbook, '按党员', { title: '志愿服务时长（按党员）', period, columns: memberColumns }, byMember, (m) => [m.name, m.organizationPath, m.teams, m.activities, m.hours]);
      const teamColumns = [...text('队伍', '党组织'), count('队员'), count('参加过活动的队员'), hours];
      const teams = [await getVolunteerStats(db, { ...inScope(scope), now: scope.now, timeZone })];
      await writeSheet(workbook, '按队伍', { title: '志愿服务时长（按队伍）', period, columns: teamColumns }, teams, (t) => [t.name, t.organizationPath, t.members, t.active, t.hours]);
    },
  },
  employment: {
    title: '返乡就业',
    async write(workbook, scope) {
      const db = readsFrom(scope.deps);
      const period = allRecords(scope);
      const seekerColumns = [...text('姓名', '手机号', '党组织', '状态', '求职意向'), datetime('登记时间'), datetime('就业时间'), ...text('就业去向'), count('意向岗位数')];
      await writeSheet(workbook, '求职登记', { title: '返乡就业（求职登记）', period, columns: seekerColumns }, streamJobSeekers(db, inScope(scope)), (s) => [
        s.name, s.phone, s.organizationPath, s.status === 'PLACED' ? '已就业' : '求职中', s.wishes, s.since, s.placedAt, s.placedNote, s.interests,
      ]);
      const postColumns = [count('编号'), ...text('党组织', '岗位', '关键词', '发布人'), datetime('发布时间'), count('意向人数')];
      await writeSheet(workbook, '岗位', { title: '返乡就业（岗位）', period, columns: postColumns }, streamJobPosts(db, inScope(scope)), (p) => [
        p.id, p.organizationPath, p.text, p.keywords, p.createdBy, p.createdAt, p.interested,
      ]);
      const interestColumns = [count('岗位编号'), ...text('岗位', '姓名', '手机号', '党组织'), datetime('意向时间'), ...text('现状')];
      await writeSheet(workbook, '意向', { title: '返乡就业（岗位意向）', period, columns: interestColumns }, streamJobInterests(db, inScope(scope)), (i) => [
        i.jobPostId, i.post, i.name, i.phone, i.organizationPath, i.at, i.placed ? '已就业' : '求职中',
      ]);
    },
  },
  whereabouts: {
    title: '去向变动',
    async write(workbook, scope) {
      const columns = [datetime('时间'), ...text('姓名', '手机号', '党组织', '现居地', '工作', '来源', '登记人')];
      await writeSheet(workbook, '去向变动', { title: '去向变动记录', period: allRecords(scope), columns }, streamWhereaboutsChanges(readsFrom(scope.deps), inScope(scope)), (w) => [
        w.at, w.name, w.phone, w.organizationPath, w.residence, w.workplace, whereaboutsSources[w.source], w.recordedBy,
      ]);
    },
  },
  leave: {
    title: '请假记录',
    async write(workbook, scope) {
      const columns = [...text('姓名', '手机号', '党组织'), datetime('请假时间'), day('请假至'), datetime('提前结束'), ...text('状态', '事由')];
      await writeSheet(workbook, '请假记录', { title: '请假记录', period: allRecords(scope), columns }, streamLeaveRecords(readsFrom(scope.deps), inScope(scope)), (l) => [
        l.name, l.phone, l.organizationPath, l.startedAt, lastDayOf(l.until), l.endedAt, leaveState(l, scope.now), l.reason,
      ]);
    },
  },
  suggestions: {
    title: '建议与答复',
    async write(workbook, scope) {
      const columns = [count('编号'), datetime('提出时间'), ...text('姓名', '手机号', '党组织', '建议', '答复'), datetime('答复时间'), ...text('答复人', '采纳'), datetime('采纳时间')];
      await writeSheet(workbook, '建议与答复', { title: '党员建议与答复', period: allRecords(scope), columns }, streamSuggestions(readsFrom(scope.deps), inScope(scope)), (s) => [
        s.id, s.createdAt, s.name, s.phone, s.organizationPath, s.text, s.replyText, s.repliedAt, s.repliedBy, s.adoptedAt ? '已采纳' : null, s.adoptedAt,
      ]);
    },
  },
} satisfies Record<string, Ledger>;

export type LedgerName = keyof typeof ledgers;

/** A leave's last day from its end (the start of the next day): an instant within it, shown as a day. */
function lastDayOf(until: Date | null): Date | null {
  return until && new Date(until.getTime() - 1);
}

function leaveState(leave: { until: Date; endedAt: Date | null }, now: Date): string {
  if (leave.endedAt) return '已销假';
  return leave.until > now ? '请假中' : '已到期';
}
