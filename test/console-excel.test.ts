import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
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

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
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
  it('the member ledger downloads and parses back to the branch’s members, formulas kept as text', async () => {
    const { client, members, unbound, secretaryRow, branch } = await start();
    await world.h.db.member.update({ where: { id: members[0]!.row.id }, data: { residence: '=HYPERLINK("http://evil","点我")', workplace: '@SUM(1)' } });
    await world.h.ask(members[1]!.contact, '签到');

    const workbook = await download(client, '/export/ledger.xlsx');
    const sheet = workbook.getWorksheet('党员台账')!;
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual(['姓名', '手机号', '党组织', '角色', '状态', '微信绑定', '绑定时间', '现居地', '工作', '最近动态', '标签', '登记时间']);
    expect(rows.map((row) => row[0]).sort()).toEqual([secretaryRow.name, ...members.map((m) => m.row.name), unbound[0]!.name].sort());
    const first = rows.find((row) => row[0] === members[0]!.row.name)!;
    expect(first.slice(1, 6)).toEqual([members[0]!.row.phone, branch.path, '党员', '正常', '已绑定']);
    expect(rows.find((row) => row[0] === unbound[0]!.name)![5]).toBe('未绑定');
    expect(rows.find((row) => row[0] === members[1]!.row.name)![9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/); // local time

    // Written as text, never as a formula (exceljs reads a formula cell as ValueType.Formula).
    const residence = sheet.getRow(rows.indexOf(first) + 2).getCell(8);
    expect(residence.type).toBe(ExcelJS.ValueType.String);
    expect(residence.value).toBe('=HYPERLINK("http://evil","点我")');
    expect(sheet.getRow(rows.indexOf(first) + 2).getCell(9).type).toBe(ExcelJS.ValueType.String);
    expect(residence.formula).toBeUndefined();
  });

  it('check-ins by member by month, activities with attendance, and study exports', async () => {
    const { client, members } = await start();
    await world.h.ask(members[0]!.contact, '签到');
    const checkIns = (await download(client, '/export/check-ins.xlsx')).getWorksheet('签到统计')!;
    const [header, ...rows] = rowsOf(checkIns);
    expect(header).toHaveLength(2 + 12 + 1);
    const row = rows.find((r) => r[0] === members[0]!.row.name)!;
    expect(row.at(-1)).toBe(1); // total
    expect(row.at(-2)).toBe(1); // this month

    const activities = await download(client, '/export/activities.xlsx');
    expect(rowsOf(activities.getWorksheet('活动')!)[0]).toContain('出席');
    expect(rowsOf(activities.getWorksheet('出席名单')!)[0]).toContain('签到时间');
    const study = await download(client, '/export/study.xlsx');
    expect(study.worksheets.map((sheet) => sheet.name)).toEqual(['学习打卡', '发书']);
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

  it('an export of another branch is 404', async () => {
    const { client } = await start();
    const other = await seedBranchWithPeople(world.h, 1);
    const response = await client.get(`/export/ledger.xlsx?org=${other.branch.organizationId}`);
    expect(response.status).toBe(404);
  });
});
