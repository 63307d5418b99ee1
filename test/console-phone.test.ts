import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askForLoginLink, startWithConsole } from './support/console-client.ts';
import type { Harness } from './support/harness.ts';

// Debian's chromium; playwright-core never downloads a browser.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = path.resolve(import.meta.dirname, '..', 'test-artifacts', 'console');
/** WeChat's browser on a phone (the main screen), and a laptop. */
const screens = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
] as const;
const pages = ['/', '/members', '/activities', '/study', '/care', '/whereabouts', '/visits', '/hardship', '/volunteers', '/employment', '/talent', '/suggestions', '/sending', '/excel'];

let browser: Browser;
let world: Awaited<ReturnType<typeof startWithConsole>>;
let h: Harness;

/** The branch with a record of every kind, written through chat as members and the secretary would. */
async function seedRecords(): Promise<void> {
  const [zhang, li] = world.members as [(typeof world.members)[0], (typeof world.members)[0]];
  const ask = async (contact: typeof zhang.contact, text: string) => expect(await h.ask(contact, text)).not.toBe('');
  await ask(zhang.contact, '请假 30天 跑长途');
  await ask(zhang.contact, '去向 格尔木市 跑运输');
  await ask(li.contact, '求职 电焊 货车司机');
  await ask(li.contact, '特长 电工 调解');
  await ask(li.contact, '愿意 回村任职');
  await ask(li.contact, '建议 周末开放党群服务中心的自习室');
  await ask(world.secretary, `结对 ${world.secretaryRow.name} ${li.row.name}`);
  await ask(world.secretary, `困难 ${li.row.name} 家属住院，需要帮扶`);
  await ask(world.secretary, `帮扶 ${li.row.name} 慰问金 500元`);
  await ask(world.secretary, '建队 政策宣传 入户宣讲');
  await ask(li.contact, '加入 政策宣传');
  await ask(world.secretary, `走访 ${li.row.name} 电话 已联系上，在西宁市城北区`);
  await h.db.member.update({ where: { id: li.row.id }, data: { lastActiveAt: new Date(Date.now() - 20 * 86_400_000) } });
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  [browser, world] = await Promise.all([chromium.launch({ executablePath }), startWithConsole({ logIn: false })]);
  h = world.h;
  await seedRecords();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function loggedIn(screen: (typeof screens)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, locale: 'zh-CN', isMobile: screen.name === 'phone', hasTouch: screen.name === 'phone' });
  const page = await context.newPage();
  const link = await askForLoginLink(h, world.secretary);
  await page.goto(link);
  await page.click('#login');
  await page.waitForURL(new URL('/', link).href);
  return page;
}

/** How much wider than the screen the page is (0: it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

describe('the console on a phone and on a laptop', () => {
  for (const screen of screens) {
    it(`no page is wider than the screen at ${screen.width}×${screen.height}`, { timeout: 180_000 }, async () => {
      const page = await loggedIn(screen);
      const memberPage = `/members/${world.members[1]!.row.id}`;
      for (const href of [...pages, memberPage]) {
        const response = await page.goto(new URL(href, page.url()).href);
        expect(response?.status(), href).toBe(200);
        expect(await overflow(page), href).toBeLessThanOrEqual(0);
        await screenshot(page, `${screen.name}-${href === '/' ? 'overview' : href.slice(1).replace('/', '-member-').replace(/-member-\d+$/, '-member')}`);
      }
      // On a phone the lists are cards (no table header shown), the navigation folds behind 菜单.
      await page.goto(new URL('/members', page.url()).href);
      const headerShown = await page.locator('#members thead').isVisible();
      expect(headerShown).toBe(screen.name === 'laptop');
      expect(await page.locator('header nav').isVisible()).toBe(screen.name === 'laptop');
      if (screen.name === 'phone') {
        await page.click('label[for="menu"]');
        await expect.poll(() => page.locator('header nav').isVisible()).toBe(true);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, 'phone-menu');
      }
      await page.context().close();
    });
  }

  it('党员: the filters, 请假中 shown, sort by 最近动态, phones to call', async () => {
    const page = await loggedIn(screens[0]);
    const [zhang, li] = world.members;
    await page.goto(new URL('/members', page.url()).href);
    const cardOf = (name: string) => page.locator('#members tbody tr', { hasText: name });
    expect(await cardOf(zhang!.row.name).locator('td').nth(1).textContent()).toContain('请假中');
    expect(await cardOf(li!.row.name).locator('a[href^="tel:"]').getAttribute('href')).toBe(`tel:${li!.row.phone}`);

    const filtered = async (...labels: string[]) => {
      await page.goto(new URL('/members', page.url()).href);
      for (const label of labels) await page.getByLabel(label).check();
      await page.click('form.filters button[type="submit"]');
      await page.waitForLoadState();
      return page.locator('#members tbody tr td:first-child').allTextContents();
    };
    expect(await filtered('请假中')).toEqual([zhang!.row.name]);
    expect(await filtered('14 天无动态')).toEqual(expect.arrayContaining([li!.row.name, world.unbound[0]!.name]));
    expect(await filtered('14 天无动态')).not.toContain(zhang!.row.name); // on leave
    expect(await filtered('结对')).toEqual([li!.row.name]);
    expect(await filtered('求职中')).toEqual([li!.row.name]);
    expect(await filtered('未绑定')).toEqual([world.unbound[0]!.name]);
    expect(await filtered('结对', '求职中', '14 天无动态')).toEqual([li!.row.name]);
    expect(await filtered('疑似失联')).toEqual([]);
    await screenshot(page, 'phone-members-filtered');

    await page.goto(new URL('/members?sort=recent', page.url()).href);
    const names = await page.locator('#members tbody tr td:first-child').allTextContents();
    // 张三 spoke last (请假, 去向), 李四 20 days ago, the unbound member never.
    expect(names.indexOf(zhang!.row.name)).toBeLessThan(names.indexOf(li!.row.name));
    expect(names.at(-1)).toBe(world.unbound[0]!.name);
    await page.context().close();
  });

  it('the member page holds every record, and a 走访 from its form is recorded as in chat', async () => {
    const page = await loggedIn(screens[0]);
    const [zhang, li] = world.members;
    await page.goto(new URL(`/members/${zhang!.row.id}`, page.url()).href);
    expect(await page.locator('#member-facts').textContent()).toMatch(/请假中（到 \d+月\d+日，跑长途）/);
    expect(await page.locator('#leave').textContent()).toContain('跑长途');
    expect(await page.locator('#whereabouts-history').textContent()).toContain('格尔木市');
    await h.ask(zhang!.contact, '销假');
    await page.reload();
    expect(await page.locator('#member-facts').textContent()).not.toContain('请假中');
    expect(await page.locator('#leave').textContent()).toMatch(/销假/); // kept as past leave

    await page.goto(new URL(`/members/${li!.row.id}`, page.url()).href);
    expect(await page.locator('#contact-person').textContent()).toContain(world.secretaryRow.name);
    expect(await page.locator('#visits').textContent()).toContain('在西宁市城北区');
    expect(await page.locator('#hardship').textContent()).toMatch(/慰问金 500\.00 元/);
    expect(await page.locator('#teams').textContent()).toContain('政策宣传');
    expect(await page.locator('#job-search').textContent()).toMatch(/求职中.*电焊、货车司机/);
    expect(await page.locator('#talent').textContent()).toMatch(/电工、调解.*愿意回村任职/);
    expect(await page.locator('#suggestions').textContent()).toContain('自习室');

    await page.selectOption('#visit-form select[name="kind"]', '上门');
    await page.fill('#visit-form textarea[name="note"]', '上门看望，家属已出院');
    await page.click('#visit-form button[type="submit"]');
    await expect.poll(() => page.locator('#visit-recorded').isVisible()).toBe(true);
    expect(await page.locator('#visits tbody tr').first().textContent()).toContain('上门看望，家属已出院');
    const visit = await h.db.careVisit.findFirstOrThrow({ where: { memberId: li!.row.id }, orderBy: { id: 'desc' } });
    expect(visit).toMatchObject({ kind: 'HOME', note: '上门看望，家属已出院', recordedById: world.secretaryRow.id });
    // Reached, as after the chat 走访: active from the visit on.
    expect((await h.db.member.findUniqueOrThrow({ where: { id: li!.row.id } })).lastActiveAt!.getTime()).toBe(visit.at.getTime());
    expect(await h.ask(world.secretary, `走访记录 ${li!.row.name}`)).toContain('上门看望，家属已出院');
    await screenshot(page, 'phone-member-after-visit');
    await page.context().close();
  });

  it('关心关爱: a 待确认 answered with a click moves the member to the contact picked', async () => {
    const member = world.members[1]!;
    const newContact = h.world.createContact(member.row.name);
    const stranger = h.world.createContact('别人');
    const question = await h.db.relinkQuestion.create({
      data: { memberId: member.row.id, fromContactId: member.contact.id, candidateIds: [stranger.id, newContact.id] },
    });
    const page = await loggedIn(screens[0]);
    await page.goto(new URL('/care', page.url()).href);
    expect(await page.locator('#relink').textContent()).toContain(member.row.name);
    await screenshot(page, 'phone-care');
    await page.locator(`form[action="/care/relink/${question.id}"] button`, { hasText: /^2\./ }).click();
    await expect.poll(() => page.locator('#relink-answer').textContent()).toContain('已确认');
    expect((await h.db.relinkQuestion.findUniqueOrThrow({ where: { id: question.id } })).answeredAt).not.toBeNull();
    expect(await h.db.wechatContact.findUnique({ where: { id: newContact.id }, select: { memberId: true } })).toEqual({ memberId: member.row.id });
    expect(await page.locator('#relink').textContent()).not.toContain(member.row.name);
    await page.context().close();
  });
});
