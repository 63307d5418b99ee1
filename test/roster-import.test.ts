import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/client.ts';
import { createTestDatabase } from './support/test-database.ts';
import { importRoster, planRosterImport } from '../src/roster/import-roster.ts';
import { readRosterFile } from '../src/roster/read-roster-file.ts';
import { parseRoster, type RosterRow } from '../src/roster/parse-roster.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => fs.readFile(path.join(repoRoot, 'test', 'fixtures', name), 'utf8');

/**
 * The fixture with its own root organisation and phone numbers, as test runs share one database:
 * 城北区 → 测试区<random>, phones 1380000xxxx → <random 7 digits>xxxx.
 */
async function uniqueRoster(name: string): Promise<{ text: string; root: string; phone: (last4: string) => string }> {
  const root = `测试区${randomInt(1e9).toString(36)}`;
  const prefix = `1${String(randomInt(1e6)).padStart(6, '0')}`;
  const text = (await fixture(name)).replaceAll('城北区', root).replaceAll('1380000', prefix);
  return { text, root, phone: (last4) => `${prefix}${last4}` };
}

/** The root organisation and everything below it, but not 测试区abcd when the root is 测试区abc. */
function underRoot(root: string) {
  return { OR: [{ path: root }, { path: { startsWith: `${root}/` } }] };
}

function parseValid(text: string): RosterRow[] {
  const { rows, errors } = parseRoster(text);
  expect(errors).toEqual([]);
  return rows;
}

describe('parseRoster', () => {
  it('normalises phones, paths and roles, and skips a BOM and blank lines', () => {
    const text = '\uFEFF姓名,手机号,党组织,角色\n\n 张三 ,+86 138-0000-1111, 城北区 ／祁连路社区/ 流动党员支部 ,组织委员\n,,,\n李四,8613800002222,城北区,党员\n';
    expect(parseRoster(text)).toEqual({
      rows: [
        { line: 3, name: '张三', phone: '13800001111', organizationPath: '城北区/祁连路社区/流动党员支部', role: 'SECRETARY' },
        { line: 5, name: '李四', phone: '13800002222', organizationPath: '城北区', role: 'MEMBER' },
      ],
      errors: [],
    });
  });

  it('reports each missing required column at line 1', () => {
    expect(parseRoster('名字,手机号,角色\n张三,13800001111,党员\n').errors).toEqual([
      { line: 1, reason: expect.stringContaining('「姓名」') },
      { line: 1, reason: expect.stringContaining('「党组织」') },
    ]);
  });

  it('reports every bad row of the bad fixture with its line', async () => {
    const { rows, errors } = parseRoster(await fixture('roster-bad.csv'));
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(errors).toEqual([
      { line: 3, reason: '手机号「1391234」不是有效的11位手机号' },
      { line: 5, reason: expect.stringContaining('角色「组长」无效') },
      { line: 6, reason: expect.stringContaining('党组织「城北区//流动党员支部」有空的层级') },
      { line: 7, reason: '手机号「13800000301」与第2行重复' },
    ]);
  });
});

describe('importRoster', () => {
  let db: Db;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    db = createDb(databaseUrl);
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  it('creates the organisation tree and the members with their roles', async () => {
    const roster = await uniqueRoster('roster.csv');
    const rows = parseValid(roster.text);

    expect(await importRoster(db, rows)).toEqual({ created: 8, updated: 0, unchanged: 0, organizationsCreated: 5, movedMemberIds: [] });

    const organizations = await db.organization.findMany({
      where: underRoot(roster.root),
      select: { name: true, path: true, parent: { select: { path: true } } },
      orderBy: { path: 'asc' },
    });
    expect(organizations.map(({ path, name, parent }) => [path, name, parent?.path ?? null])).toEqual([
      [roster.root, roster.root, null],
      [`${roster.root}/小桥社区`, '小桥社区', roster.root],
      [`${roster.root}/小桥社区/流动党员支部`, '流动党员支部', `${roster.root}/小桥社区`],
      [`${roster.root}/祁连路社区`, '祁连路社区', roster.root],
      [`${roster.root}/祁连路社区/流动党员支部`, '流动党员支部', `${roster.root}/祁连路社区`],
    ]);

    const member = (last4: string) =>
      db.member.findUnique({
        where: { phone: roster.phone(last4) },
        select: { name: true, role: true, residence: true, workplace: true, organization: { select: { path: true } } },
      });
    expect(await member('0001')).toEqual({
      name: '王志刚',
      role: 'ADMIN',
      residence: '西宁市',
      workplace: '区委组织部',
      organization: { path: roster.root },
    });
    expect(await member('0201')).toMatchObject({ role: 'SECRETARY', organization: { path: `${roster.root}/小桥社区/流动党员支部` } });
    expect(await member('0104')).toMatchObject({ role: 'MEMBER', residence: null, workplace: null });
    expect(await member('0203')).toMatchObject({ workplace: '餐饮,拉面馆' });
  });

  it('changes nothing when the same file is imported again', async () => {
    const roster = await uniqueRoster('roster.csv');
    const rows = parseValid(roster.text);
    const phones = rows.map((row) => row.phone);
    await importRoster(db, rows);
    const before = await db.member.findMany({ where: { phone: { in: phones } }, orderBy: { id: 'asc' } });

    expect(await importRoster(db, rows)).toEqual({ created: 0, updated: 0, unchanged: 8, organizationsCreated: 0, movedMemberIds: [] });

    expect(await db.member.findMany({ where: { phone: { in: phones } }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await db.organization.count({ where: underRoot(roster.root) })).toBe(5);
  });

  it('updates only the row that changed', async () => {
    const roster = await uniqueRoster('roster.csv');
    await importRoster(db, parseValid(roster.text));

    const moved = parseValid(roster.text.replace('江苏省苏州市', '江苏省无锡市'));
    expect(await importRoster(db, moved)).toEqual({ created: 0, updated: 1, unchanged: 7, organizationsCreated: 0, movedMemberIds: [] });

    const member = await db.member.findUnique({ where: { phone: roster.phone('0102') }, select: { residence: true } });
    expect(member?.residence).toBe('江苏省无锡市');
  });

  it('CLI: a file with bad rows prints them and imports nothing', async () => {
    const roster = await uniqueRoster('roster-bad.csv');
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'roster-')), 'roster-bad.csv');
    await fs.writeFile(file, roster.text);

    const run = promisify(execFile)('npx', ['tsx', 'scripts/import-roster.ts', file], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl } });

    const failure = await run.then(
      () => expect.fail('the import should have failed'),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('第 3 行：手机号「1391234」不是有效的11位手机号');
    expect(failure.stderr).toContain(`第 7 行：手机号「${roster.phone('0301')}」与第2行重复`);
    expect(failure.stderr).toMatch(/第 5 行：.*第 6 行：.*没有导入任何一行/s);
    expect(await db.member.count({ where: { phone: { in: [roster.phone('0301'), roster.phone('0302')] } } })).toBe(0);
    expect(await db.organization.count({ where: underRoot(roster.root) })).toBe(0);
    await fs.rm(path.dirname(file), { recursive: true });
  });

  it('CLI: imports an .xlsx roster (phones typed as numbers too)', async () => {
    const roster = await uniqueRoster('roster.csv');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    for (const [index, cells] of (parseCsv(roster.text) as string[][]).entries()) {
      // Excel stores a typed-in phone number as a number.
      sheet.addRow(index === 0 ? cells : cells.map((cell, column) => (column === 1 ? Number(cell) : cell)));
    }
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'roster-')), 'roster.xlsx');
    await workbook.xlsx.writeFile(file);

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/import-roster.ts', file], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl } });
    expect(stdout).toContain('新增 8 人');
    expect(await db.member.findUnique({ where: { phone: roster.phone('0102') }, select: { name: true, residence: true } })).toEqual({
      name: '李秀英',
      residence: '江苏省苏州市',
    });
    await fs.rm(path.dirname(file), { recursive: true });
  });

  it('reads CSV in GBK (Excel on Chinese Windows), UTF-8 and UTF-8 with a BOM alike', async () => {
    const roster = await uniqueRoster('roster.csv');
    const utf8 = await readRosterFile(new TextEncoder().encode(roster.text));
    expect(utf8.errors).toEqual([]);
    expect(utf8.rows.map((row) => row.name)).toContain('李秀英');
    expect(await readRosterFile(new TextEncoder().encode(`\uFEFF${roster.text}`))).toEqual(utf8);
    expect(await readRosterFile(iconv.encode(roster.text, 'gbk'))).toEqual(utf8);
  });

  it('plans an import without writing: new, updated, unchanged', async () => {
    const roster = await uniqueRoster('roster.csv');
    const rows = parseValid(roster.text);
    expect(await planRosterImport(db, rows)).toEqual({
      created: 8, updated: 0, unchanged: 0, organizationsCreated: 5, added: rows.map((row) => row.name), changed: [],
    });
    expect(await db.member.count({ where: { phone: { in: rows.map((row) => row.phone) } } })).toBe(0);
    await importRoster(db, rows);
    const moved = parseValid(roster.text.replace('江苏省苏州市', '江苏省无锡市'));
    const changed = moved.find((row) => row.residence === '江苏省无锡市')!.name;
    expect(await planRosterImport(db, moved)).toEqual({ created: 0, updated: 1, unchanged: 7, organizationsCreated: 0, added: [], changed: [changed] });
  });
});
