import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '../src/domain/shared/local-time.ts';
import { consoleWorldPerTest, type ConsoleClient } from './support/console-client.ts';
import { seedBranchWithPeople } from './support/seed.ts';

const world = consoleWorldPerTest();
const start = () => world.start();

async function download(client: ConsoleClient, path: string): Promise<ExcelJS.Workbook> {
  const response = await client.get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** The data rows of a ledger sheet: below its title, its export time and its header (row 3). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, number) => {
    if (number >= 3) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** Columns as Excel measures them: a Chinese character takes two. */
function displayWidth(value: unknown): number {
  return [...String(value)].reduce((width, character) => width + (character.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}

/** A time as the sheet should show it: the local wall clock, read back from Excel's zone-less date. */
function wallClock(at: Date): string {
  return localDateTime(at, 'Asia/Shanghai');
}

function shown(cell: unknown): string {
  expect(cell).toBeInstanceOf(Date);
  return (cell as Date).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * What every ledger sheet must be for an inspection: the title row (organisation, what, period),
 * the export time, a bold header frozen in view and printed on each page, landscape fitted to the
 * page's width, columns as wide as their Chinese text, text cells in the text format ('@') and
 * time columns holding real dates. Returns the rows as objects by header.
 */
function expectLedgerSheet(sheet: ExcelJS.Worksheet, expected: { organizationName: string; title: string }): Record<string, unknown>[] {
  const title = String(sheet.getCell('A1').value);
  expect(title).toContain(expected.organizationName);
  expect(title).toContain(expected.title);
  expect(title).toMatch(/\d{4}/); // the period
  expect(sheet.getCell('A1').font?.bold).toBe(true);
  expect(String(sheet.getCell('A2').value)).toMatch(/^导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });

  const header = sheet.getRow(3);
  const headers = (header.values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  headers.forEach((name, index) => {
    const column = sheet.getColumn(index + 1);
    expect(header.getCell(index + 1).font?.bold, name).toBe(true);
    let widest = displayWidth(name);
    column.eachCell((cell, rowNumber) => {
      if (rowNumber <= 3 || cell.value === null) return;
      if (cell.value instanceof Date) {
        expect(cell.numFmt, name).toMatch(/^yyyy-mm-dd/);
      } else if (typeof cell.value === 'string') {
        expect(cell.type, name).toBe(ExcelJS.ValueType.String); // never a formula
        if (!String(sheet.getCell(rowNumber, 1).value).startsWith('合计')) expect(cell.numFmt, name).toBe('@');
        widest = Math.max(widest, displayWidth(cell.value));
      }
    });
    expect(column.width, name).toBeGreaterThanOrEqual(Math.min(50, widest));
  });
  sheet.eachRow((row, number) => {
    if (number > 3) rows.push(Object.fromEntries(headers.map((name, index) => [name, row.getCell(index + 1).value])));
  });
  return rows;
}

/** A multipart upload as the browser's form sends it. */
async function upload(client: ConsoleClient, file: Uint8Array<ArrayBuffer>, name: string): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', await client.csrfToken('/excel'));
  form.set('roster', new Blob([file]), name);
  return fetch(new URL('/excel/import', client.baseUrl), { method: 'POST', body: form, headers: { cookie: cookieHeader(client) }, redirect: 'manual' });
}

function cookieHeader(client: ConsoleClient): string {
  return ['console_session', '_csrf'].map((name) => `${name}=${client.cookie(name)}`).join('; ');
}

describe('secretary console: Excel', () => {
  it('the member ledger (花名册) downloads with leave, contact person, last visit and whereabouts; formulas and phones kept as text', async () => {
    const { client, members, unbound, secretaryRow, branch } = await start();
    const [first, second] = [members[0]!.row, members[1]!.row];
    const leaveUntil = new Date(Date.now() + 3 * 86_400_000);
    await world.h.db.member.update({
      where: { id: first.id },
      data: { residence: '=HYPERLINK("http://evil","点我")', workplace: '@SUM(1)', leaveUntil, leaveReason: '外出务工', contactPersonId: secretaryRow.id },
    });
    const visitedAt = new Date('2026-03-05T02:30:00Z');
    await world.h.db.careVisit.create({ data: { memberId: first.id, organizationId: branch.organizationId, kind: 'PHONE', note: '电话问候', recordedById: secretaryRow.id, at: visitedAt } });
    await world.h.ask(members[1]!.contact, '签到');
    const organization = await world.h.db.organization.findUniqueOrThrow({ where: { id: branch.organizationId } });

    const workbook = await download(client, '/export/ledger.xlsx');
    const sheet = workbook.getWorksheet('党员台账')!;
    const rows = expectLedgerSheet(sheet, { organizationName: organization.name, title: '党员台账' });
    expect(rowsOf(sheet)[0]).toEqual([
      '姓名', '手机号', '党组织', '角色', '状态', '微信绑定', '绑定时间', '现居地', '工作', '去向更新', '请假至', '请假事由', '联系人', '最近走访', '最近动态', '标签', '登记时间',
    ]);
    expect(rows.map((row) => row['姓名']).sort()).toEqual([secretaryRow.name, ...members.map((m) => m.row.name), unbound[0]!.name].sort());
    const firstRow = rows.find((row) => row['姓名'] === first.name)!;
    expect(firstRow).toMatchObject({ 手机号: first.phone, 党组织: branch.path, 角色: '党员', 状态: '请假中', 微信绑定: '已绑定', 请假事由: '外出务工', 联系人: secretaryRow.name });
    expect(shown(firstRow['请假至']).slice(0, 10)).toBe(localDateTime(new Date(leaveUntil.getTime() - 1), 'Asia/Shanghai').slice(0, 10));
    expect(shown(firstRow['最近走访'])).toBe(wallClock(visitedAt)); // 10:30 in Shanghai, not 02:30
    expect(rows.find((row) => row['姓名'] === unbound[0]!.name)!['微信绑定']).toBe('未绑定');
    const secondActive = (await world.h.db.member.findUniqueOrThrow({ where: { id: second.id } })).lastActiveAt!;
    expect(shown(rows.find((row) => row['姓名'] === second.name)!['最近动态'])).toBe(wallClock(secondActive));

    // Written as text in the text format, never as a formula: the phone stays digits, =HYPERLINK stays words.
    const line = sheet.getRow(rows.indexOf(firstRow) + 4);
    for (const cell of [line.getCell(2), line.getCell(8), line.getCell(9)]) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
      expect(cell.formula).toBeUndefined();
    }
    expect(line.getCell(8).value).toBe('=HYPERLINK("http://evil","点我")');
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(displayWidth(branch.path));
  });

  it('check-ins by member by month, activities with attendance, and study exports', async () => {
    const { client, members } = await start();
    await world.h.ask(members[0]!.contact, '签到');
    const checkIns = (await download(client, '/export/check-ins.xlsx')).getWorksheet('签到统计')!;
    const [header, ...rows] = rowsOf(checkIns);
    expect(header).toHaveLength(2 + 12 + 1);
    const row = rows.find((r) => r[0] === members[0]!.row.name)!;
    expect(checkIns.getRow(4).getCell(3).numFmt).toBe('0'); // counts are numbers
    expect(row.at(-1)).toBe(1); // total
    expect(row.at(-2)).toBe(1); // this month

    const activities = await download(client, '/export/activities.xlsx');
    expect(rowsOf(activities.getWorksheet('活动')!)[0]).toContain('出席');
    expect(rowsOf(activities.getWorksheet('出席名单')!)[0]).toContain('签到时间');
    const study = await download(client, '/export/study.xlsx');
    expect(study.worksheets.map((sheet) => sheet.name)).toEqual(['学习打卡', '发书']);
  });

  it('the new ledgers: visits, hardship with totals, service hours, employment, whereabouts, leave, suggestions', async () => {
    const { client, members, secretaryRow, branch } = await start();
    const db = world.h.db;
    const [first, second] = [members[0]!.row, members[1]!.row];
    const organization = await db.organization.findUniqueOrThrow({ where: { id: branch.organizationId } });
    const at = new Date('2026-03-05T02:30:00Z'); // 10:30 in Shanghai
    const now = new Date();
    await db.careVisit.create({ data: { memberId: first.id, organizationId: branch.organizationId, kind: 'HOME', note: '=1+2 家中老人身体不好', recordedById: secretaryRow.id, at, proposedResidence: '西宁市' } });
    const hardship = await db.hardshipCase.create({ data: { memberId: first.id, organizationId: branch.organizationId, description: '+86 因病致困', openedById: secretaryRow.id, openedAt: at } });
    await db.hardshipHelp.createMany({
      data: [
        { caseId: hardship.id, kind: '慰问金', amount: '500.50', recordedById: secretaryRow.id, at },
        { caseId: hardship.id, kind: '慰问金', amount: '1000', recordedById: secretaryRow.id, at },
        { caseId: hardship.id, kind: '就医协调', detail: '联系县医院', recordedById: secretaryRow.id, at },
      ],
    });
    await db.volunteerTeam.create({ data: { organizationId: branch.organizationId, name: '政策宣传' } });
    await db.member.update({ where: { id: first.id }, data: { tags: ['政策宣传'] } });
    const activity = await db.activity.create({
      data: { organizationId: branch.organizationId, title: '政策宣讲', startsAt: now, place: '村委会', targetTag: '政策宣传', durationMinutes: 90, status: 'OPEN', createdById: secretaryRow.id },
    });
    await db.attendance.create({ data: { activityId: activity.id, memberId: first.id, at: now } });
    await db.jobSeeker.create({ data: { memberId: first.id, status: 'SEEKING', wishes: ['电焊'], since: at } });
    await db.jobSeeker.create({ data: { memberId: second.id, status: 'PLACED', since: at, placedAt: now, placedNote: '-本地工厂' } });
    const post = await db.jobPost.create({ data: { organizationId: branch.organizationId, text: '电焊工 月薪6000', keywords: ['电焊'], createdById: secretaryRow.id } });
    await db.jobInterest.create({ data: { jobPostId: post.id, memberId: first.id, at } });
    await db.whereaboutsReport.create({ data: { memberId: first.id, residence: '-西宁市城北区', workplace: '0971-1234567', source: 'MEMBER', at } });
    await db.leaveRecord.create({ data: { memberId: first.id, startedAt: at, until: new Date('2026-03-09T16:00:00Z'), endedAt: new Date('2026-03-07T01:00:00Z'), reason: '@外出' } });
    await db.suggestion.create({
      data: { memberId: first.id, organizationId: branch.organizationId, text: '=建议增加线上学习', messageId: `m-${first.id}`, replyText: '已采纳', repliedAt: now, repliedById: secretaryRow.id, adoptedAt: now },
    });

    const sheets = async (name: string, title: string) => {
      const workbook = await download(client, `/export/${name}.xlsx`);
      return Object.fromEntries(workbook.worksheets.map((sheet) => [sheet.name, expectLedgerSheet(sheet, { organizationName: organization.name, title })]));
    };

    const visits = (await sheets('visits', '走访台账'))['走访台账']!;
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ 姓名: first.name, 手机号: first.phone, 方式: '上门', 走访人: secretaryRow.name, 情况记录: '=1+2 家中老人身体不好', 了解到的现居地: '西宁市' });
    expect(shown(visits[0]!['走访时间'])).toBe('2026-03-05 10:30');

    const hardshipSheets = await sheets('hardship', '困难帮扶台账');
    const [caseRow, caseTotal] = hardshipSheets['困难帮扶']!;
    expect(caseRow).toMatchObject({ 困难情况: '+86 因病致困', 状态: '帮扶中', 帮扶次数: 3, '帮扶金额（元）': 1500.5 });
    expect(caseTotal).toMatchObject({ 编号: '合计 1 户', 帮扶次数: 3, '帮扶金额（元）': 1500.5 });
    const help = hardshipSheets['帮扶明细']!;
    expect(help.map((row) => row['金额（元）'])).toEqual([500.5, 1000, null, 1500.5]);
    expect(help.at(-1)!['帮扶对象编号']).toBe('合计');

    const volunteers = await sheets('volunteers', '志愿服务时长');
    expect(volunteers['按党员']).toEqual([expect.objectContaining({ 姓名: first.name, 所在队伍: '政策宣传', 参加活动: 1, '服务时长（小时）': 1.5 })]);
    expect(volunteers['按队伍']).toEqual([expect.objectContaining({ 队伍: '政策宣传', 队员: 1, 参加过活动的队员: 1, '服务时长（小时）': 1.5 })]);

    const employment = await sheets('employment', '返乡就业');
    expect(employment['求职登记']!.map((row) => [row['姓名'], row['状态'], row['求职意向'], row['就业去向'], row['意向岗位数']])).toEqual([
      [first.name, '求职中', '电焊', null, 1],
      [second.name, '已就业', null, '-本地工厂', 0], // no wishes left once placed
    ]);
    expect(employment['岗位']).toEqual([expect.objectContaining({ 编号: post.id, 岗位: '电焊工 月薪6000', 意向人数: 1 })]);
    expect(employment['意向']).toEqual([expect.objectContaining({ 岗位编号: post.id, 姓名: first.name, 现状: '求职中' })]);

    const whereabouts = (await sheets('whereabouts', '去向变动'))['去向变动']!;
    expect(whereabouts).toEqual([expect.objectContaining({ 姓名: first.name, 现居地: '-西宁市城北区', 工作: '0971-1234567', 来源: '本人' })]);

    const leave = (await sheets('leave', '请假记录'))['请假记录']!;
    expect(leave).toEqual([expect.objectContaining({ 姓名: first.name, 状态: '已销假', 事由: '@外出' })]);
    expect(shown(leave[0]!['请假至']).slice(0, 10)).toBe('2026-03-09'); // the last day, until the next local midnight
    expect(shown(leave[0]!['提前结束'])).toBe('2026-03-07 09:00');

    const suggestions = (await sheets('suggestions', '建议与答复'))['建议与答复']!;
    expect(suggestions).toEqual([expect.objectContaining({ 姓名: first.name, 建议: '=建议增加线上学习', 答复: '已采纳', 答复人: secretaryRow.name, 采纳: '已采纳' })]);

    // All of them are on the Excel page.
    const page = await (await client.get('/excel')).text();
    for (const name of ['visits', 'hardship', 'volunteers', 'employment', 'whereabouts', 'leave', 'suggestions']) expect(page).toContain(`/export/${name}.xlsx`);
  });

  it('a GBK CSV upload is previewed as new / updated / unchanged, then imported on confirm, without mojibake', async () => {
    const { client, branch, members } = await start();
    const csv = [
      '姓名,手机号,党组织,角色,现居地',
      `马晓燕,13912340001,${branch.path},党员,江苏省苏州市`,
      `${members[0]!.row.name},${members[0]!.row.phone},${branch.path},党员,西宁市城北区`,
      `${members[1]!.row.name},${members[1]!.row.phone},${branch.path},党员,`,
    ].join('\r\n');
    const preview = await upload(client, new Uint8Array(iconv.encode(csv, 'gbk')), 'roster.csv');
    expect(preview.status).toBe(200);
    const page = await preview.text();
    expect(page).toMatch(/将新增党员<\/th><td>1</);
    expect(page).toMatch(/将更新党员<\/th><td>1</);
    expect(page).toMatch(/不变<\/th><td>1</);
    expect(await world.h.db.member.count({ where: { phone: '13912340001' } })).toBe(0); // nothing before confirm

    const importId = /name="importId" value="([^"]+)"/.exec(page)![1]!;
    const done = await client.post('/excel/import/confirm', { importId }, '/excel');
    expect(await done.text()).toMatch(/已新增党员<\/th><td>1</);
    expect(await world.h.db.member.findUnique({ where: { phone: '13912340001' }, select: { name: true, residence: true } })).toEqual({
      name: '马晓燕',
      residence: '江苏省苏州市',
    });
    // The same preview cannot be imported twice.
    expect((await client.post('/excel/import/confirm', { importId }, '/excel')).status).toBe(410);
  });

  it('an .xlsx upload with bad rows lists each with its line and imports nothing; rows outside the branch are refused', async () => {
    const { client, branch } = await start();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['姓名', '手机号', '党组织', '角色']);
    sheet.addRow(['赵一', 13912340011, branch.path, '党员']);
    sheet.addRow(['钱二', '12345', branch.path, '党员']);
    sheet.addRow(['孙三', 13912340013, '别的区/别的支部', '党员']);
    sheet.addRow(['李四', 13912340014, branch.path, '管理员']);
    const response = await upload(client, new Uint8Array(await workbook.xlsx.writeBuffer()), 'roster.xlsx');
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('第 3 行');
    expect(page).toContain('不是有效的11位手机号');
    expect(await world.h.db.member.count({ where: { phone: { in: ['13912340011', '13912340013'] } } })).toBe(0);

    sheet.spliceRows(3, 1); // the bad phone fixed by removing it: now the scope errors show
    const scoped = await upload(client, new Uint8Array(await workbook.xlsx.writeBuffer()), 'roster.xlsx');
    const scopedPage = await scoped.text();
    expect(scoped.status).toBe(422);
    expect(scopedPage).toMatch(/第 3 行<\/td><td>党组织「别的区\/别的支部」不在您管理的/);
    expect(scopedPage).toMatch(/第 4 行<\/td><td>网页上传不能设置「管理员」角色/);
    expect(await world.h.db.organization.count({ where: { path: '别的区/别的支部' } })).toBe(0);
  });

  it('every export of another branch is 404', async () => {
    const { client } = await start();
    const other = await seedBranchWithPeople(world.h, 1);
    for (const name of ['ledger', 'check-ins', 'activities', 'study', 'visits', 'hardship', 'volunteers', 'employment', 'whereabouts', 'leave', 'suggestions']) {
      const response = await client.get(`/export/${name}.xlsx?org=${other.branch.organizationId}`);
      expect(response.status, name).toBe(404);
    }
  });
});
