import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { askForLoginLink, startWithConsole } from './support/console-client.ts';
import type { Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

// Debian's chromium (.ci/run installs it); playwright-core never downloads a browser.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = path.resolve(import.meta.dirname, '..', 'test-artifacts', 'console');

let browser: Browser;
let world: Awaited<ReturnType<typeof startWithConsole>>;
let h: Harness;
let context: BrowserContext;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  // One browser and one assistant for the file; each test gets a fresh browser context (no shared cookies).
  [browser, world] = await Promise.all([chromium.launch({ executablePath }), startWithConsole({ logIn: false })]);
  h = world.h;
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

afterEach(async () => {
  await context?.close();
});

async function newPage(): Promise<Page> {
  context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  return context.newPage();
}

/** 后台 in WeChat, then the link opened in the browser and 登录 pressed. */
async function logIn(page: Page, secretary = world.secretary): Promise<void> {
  const link = await askForLoginLink(h, secretary);
  await page.goto(link);
  await page.click('#login');
  await page.waitForURL(new URL('/', link).href);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

describe('secretary console in a real browser', () => {
  it('logs in with the link the bot hands out, and the overview draws the check-in chart', async () => {
    await h.ask(world.members[0]!.contact, '签到');
    const page = await newPage();
    await logIn(page);
    await expect.poll(() => page.locator('#check-in-chart').getAttribute('data-rendered')).toBe('true');
    expect(await page.locator('#check-in-chart canvas').count()).toBeGreaterThan(0);
    // The secretary counts at the levels above the organisation they lead (issue 16).
    expect(await page.locator('#members-total').textContent()).toBe('3');
    await screenshot(page, 'overview');

    for (const [href, name] of [['/members', 'members'], [`/members/${world.members[0]!.row.id}`, 'member'], ['/activities', 'activities'], ['/study', 'study'], ['/care', 'care'], ['/suggestions', 'suggestions'], ['/sending', 'sending'], ['/excel', 'excel']] as const) {
      const response = await page.goto(new URL(href, page.url()).href);
      expect(response?.status()).toBe(200);
      await screenshot(page, name);
    }
  });

  it('refuses a link that was used, and one that expired', async () => {
    const link = await askForLoginLink(h, world.secretary);
    const first = await newPage();
    await first.goto(link);
    await first.click('#login');
    await first.waitForURL(new URL('/', link).href);
    await context.close();

    const second = await newPage();
    await second.goto(link);
    await second.click('#login');
    await expect.poll(() => second.locator('main').textContent()).toContain('已经用过');
    await screenshot(second, 'link-refused');

    const late = await askForLoginLink(h, world.secretary);
    await h.db.consoleLoginLink.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await second.goto(late);
    await second.click('#login');
    await expect.poll(() => second.locator('main').textContent()).toContain('已过期');
    const overview = await second.goto(new URL('/', late).href);
    expect(overview?.status()).toBe(401);
  });

  it('downloads the member ledger, which parses back to the branch’s members', async () => {
    const page = await newPage();
    await logIn(page);
    await page.goto(new URL('/excel', page.url()).href);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/export/ledger.xlsx"]')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const names: unknown[] = [];
    // Rows 1–3: the title, the export time, the header.
    workbook.getWorksheet('党员台账')!.eachRow((row, number) => number > 3 && names.push(row.getCell(1).value));
    expect(names.sort()).toEqual([world.secretaryRow.name, ...world.members.map((m) => m.row.name), world.unbound[0]!.name].sort());
  });

  it('imports a GBK CSV through the upload form, after the preview', async () => {
    const page = await newPage();
    await logIn(page);
    await page.goto(new URL('/excel', page.url()).href);
    const csv = `姓名,手机号,党组织,角色,现居地\r\n欧阳娜娜,13912345601,${world.branch.path},党员,青海省海东市\r\n`;
    await page.setInputFiles('input[name="roster"]', { name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from(new Uint8Array(iconv.encode(csv, 'gbk'))) });
    await page.click('#upload');
    await expect.poll(() => page.locator('#import-summary').textContent()).toMatch(/将新增党员\s*1/);
    await screenshot(page, 'import-preview');
    expect(await h.db.member.count({ where: { phone: '13912345601' } })).toBe(0);
    await page.click('#confirm-import');
    await expect.poll(() => page.locator('h1').textContent()).toBe('导入完成');
    expect(await h.db.member.findUnique({ where: { phone: '13912345601' }, select: { name: true, residence: true } })).toEqual({
      name: '欧阳娜娜',
      residence: '青海省海东市',
    });
  });

  it('a secretary of another branch gets 404 on a member URL', async () => {
    const other = await seedBranchWithPeople(h, 1);
    const page = await newPage();
    await logIn(page, other.secretary);
    const response = await page.goto(new URL(`/members/${world.members[0]!.row.id}`, page.url()).href);
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain(world.members[0]!.row.name);
  });

  it('a POST without the CSRF token is refused', async () => {
    const page = await newPage();
    await logIn(page);
    // The logout form with its token taken out, submitted as the browser would.
    await page.locator('form[action="/logout"] input[name="_csrf"]').evaluate((input) => input.remove());
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/logout')), page.click('form[action="/logout"] button')]);
    expect(response.status()).toBe(403);
    const overview = await page.goto(new URL('/', page.url()).href);
    expect(overview?.status()).toBe(200); // still logged in
  });
});
