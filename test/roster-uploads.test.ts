import { describe, expect, it } from 'vitest';
import { importRoster } from '../src/roster/import-roster.ts';
import { parseRoster } from '../src/roster/parse-roster.ts';
import { consoleWorldPerTest } from './support/console-client.ts';
import { uploadRoster } from './support/upload-roster.ts';
import { zipBomb } from './support/zip-bomb.ts';

/** A CSV roster of `count` members of the branch, phones 139 + `prefix` + a counter; `bad` rows with a wrong phone. */
function rosterCsv(branchPath: string, count: number, options: { prefix?: string; bad?: number } = {}): string {
  const prefix = options.prefix ?? '77';
  const lines = ['姓名,手机号,党组织,角色'];
  for (let i = 0; i < count; i++) lines.push(`党员${i},139${prefix}${String(i).padStart(6, '0')},${branchPath},党员`);
  for (let i = 0; i < (options.bad ?? 0); i++) lines.push(`错行${i},12345,${branchPath},党员`);
  return lines.join('\n');
}

describe('roster uploads off the event loop, within limits (issue 17, item 2)', () => {
  const world = consoleWorldPerTest();

  it('an .xlsx zip bomb is refused from its central directory, at once, before anything is inflated', async () => {
    const { client } = await world.start();
    const bomb = zipBomb(60);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const response = await uploadRoster(client, bomb, 'roster.xlsx');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Excel 文件解压后有 60 MB，超过上限 50 MB');
  });

  it('lists the first 200 bad rows and counts the rest; more than 50,000 rows are refused whole', async () => {
    const { client, branch } = await world.start();
    const bad = await uploadRoster(client, rosterCsv(branch.path, 10, { bad: 1000 }));
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain('有 1000 处错误');
    expect(page.match(/<tr><td>第 \d+ 行/g)).toHaveLength(200);
    expect(page).toContain('另有 800 处错误没有列出');

    const tooMany = await (await uploadRoster(client, rosterCsv(branch.path, 50_001))).text();
    expect(tooMany).toContain('名册有 50001 行，超过一次上传的上限 50000 行');
  });

  it('one upload per organisation at a time: a second sent meanwhile is asked to wait', async () => {
    const { client, branch } = await world.start();
    const csv = rosterCsv(branch.path, 20_000);
    const statuses = (await Promise.all([uploadRoster(client, csv), uploadRoster(client, csv)])).map((response) => response.status);
    expect(statuses.sort()).toEqual([200, 409]);
  });

  it('a large 确认导入 runs as a job with progress, names those it adds, and finishes after a crash when confirmed again', async () => {
    const { client, branch } = await world.start();
    const db = world.h.db;
    const csv = rosterCsv(branch.path, 3000, { prefix: '88' });
    // A crash after the first batch of an earlier import: 1,000 members written, 2,000 not.
    await importRoster(db, parseRoster(csv.split('\n').slice(0, 1001).join('\n')).rows);

    const preview = await (await uploadRoster(client, csv)).text();
    expect(preview).toMatch(/将新增党员<\/th><td>2000</);
    expect(preview).toMatch(/将新增（2000 人）<\/h2><p id="added-names">党员1000、党员1001、/);
    expect(preview).toContain('等 2000 人');
    const importId = /name="importId" value="([^"]+)"/.exec(preview)![1]!;
    const confirmed = await client.post('/excel/import/confirm', { importId }, '/excel');
    expect(confirmed.status).toBe(303);
    const jobPage = confirmed.headers.get('location')!;
    let page = await (await client.get(jobPage)).text();
    for (let i = 0; i < 100 && !page.includes('导入完成'); i++) {
      expect(page).toMatch(/正在导入|导入完成/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      page = await (await client.get(jobPage)).text();
    }
    expect(page).toMatch(/已新增党员<\/th><td>2000</);
    expect(page).toMatch(/不变<\/th><td>1000</);
    expect(await db.member.count({ where: { organizationId: branch.organizationId, phone: { startsWith: '13988' } } })).toBe(3000);
  });
});
