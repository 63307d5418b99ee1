import { afterEach, describe, expect, it } from 'vitest';
import { activityScene } from '../src/domain/activities/activity-qr-scene.ts';
import { getActivityQrCode, type QrCodeMaker } from '../src/domain/activities/get-activity-qr-code.ts';
import { consoleBaseUrl } from '../src/domain/console/console-address.ts';
import { ConsoleClient, consoleEnv, loginLinkIn } from './support/console-client.ts';
import { decodeSvgQrCode } from './support/decode-svg-qr.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { followAndBind, startOfficialAccount, type OfficialAccountHarness } from './support/official-account-harness.ts';
import { seedBranch, seedBranchWithPeople } from './support/seed.ts';

let h: OfficialAccountHarness | Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A branch whose secretary follows the official account and is bound there. */
async function branchWithSecretary(oa: OfficialAccountHarness) {
  const seeded = await seedBranch(oa.db, [{ name: '书记', role: 'SECRETARY' }]);
  const openId = `o-${seeded.organizationId}-secretary`;
  await followAndBind(oa, openId, seeded.members[0]!.id);
  return { organizationId: seeded.organizationId, secretary: { id: seeded.members[0]!.id, openId } };
}

describe('the attendance QR code of an activity on the official account', () => {
  it("is made when its printable page is first shown, expiring as the check-in window closes; 确认 links to the page; another organisation gets 404", async () => {
    const oa = (h = await startOfficialAccount());
    const { secretary } = await branchWithSecretary(oa);
    const preview = await oa.ask(secretary.openId, '活动 十二月主题党日 明天下午3点 祁连路党群服务中心 学习全会精神');
    const id = Number(/编号 (\d+)/.exec(preview)![1]);
    expect(await oa.ask(secretary.openId, '确认')).toContain(`${consoleBaseUrl(oa.config)}/activities/${id}/qr`);
    const { startsAt } = await oa.db.activity.findUniqueOrThrow({ where: { id } });
    const client = await logInOnConsole(oa, secretary.openId);

    const first = await client.get(`/activities/${id}/qr`);
    expect(first.status).toBe(200);
    const page = await first.text();
    for (const shown of ['十二月主题党日', '祁连路党群服务中心', '签到时间']) expect(page).toContain(shown);
    const url = decodeSvgQrCode(page);
    expect(oa.wechat.qrScene(url!)).toBe(activityScene(id));
    expect(oa.wechat.qrCodes).toHaveLength(1);
    expect(oa.wechat.qrCodes[0]!.scene).toBe(activityScene(id));
    expect(Math.abs(oa.wechat.qrCodes[0]!.expiresAt - closingTime(oa, startsAt))).toBeLessThan(1000);

    // Shown again, and on the activity's page: the same code, none made.
    expect(decodeSvgQrCode(await (await client.get(`/activities/${id}/qr`)).text())).toBe(url);
    const activityPage = await (await client.get(`/activities/${id}`)).text();
    expect(activityPage).toContain(`href="/activities/${id}/qr"`);
    expect(decodeSvgQrCode(activityPage)).toBe(url);
    expect(oa.wechat.qrCodes).toHaveLength(1);

    const other = await branchWithSecretary(oa);
    const outsider = await logInOnConsole(oa, other.secretary.openId);
    expect((await outsider.get(`/activities/${id}/qr`)).status).toBe(404);
    expect(oa.wechat.qrCodes).toHaveLength(1);
  });

  it('gives an activity more than 30 days away a 30-day code, replaced once a new one lasts its window; a refusal by WeChat is said', async () => {
    const clock = { now: new Date() };
    const oa = (h = await startOfficialAccount({}, { now: () => clock.now }));
    const { secretary, organizationId } = await branchWithSecretary(oa);
    const day = 24 * 3_600_000;
    const startsAt = new Date(clock.now.getTime() + 40 * day);
    const { id } = await oa.db.activity.create({ data: { organizationId, title: '年度党课', startsAt, place: '区委党校', status: 'OPEN', createdById: secretary.id } });
    // Sessions end after 8 idle hours: log in again after each jump of the clock.
    let client = await logInOnConsole(oa, secretary.openId);
    const view = async () => (await client.get(`/activities/${id}/qr`)).text();

    // WeChat refuses once (API minute quota): the page says so, nothing is stored, the next view makes the code.
    oa.wechat.failNext('/cgi-bin/qrcode/create', 45009);
    const refused = await client.get(`/activities/${id}/qr`);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('二维码暂时无法生成');
    expect((await oa.db.activity.findUniqueOrThrow({ where: { id } })).qrCodeUrl).toBeNull();

    const farPage = await view();
    expect(farPage).toContain('早于签到结束');
    const far = decodeSvgQrCode(farPage);
    expect(oa.wechat.qrCodes.map((code) => code.expiresAt)).toEqual([clock.now.getTime() + 30 * day]);
    clock.now = new Date(clock.now.getTime() + day);
    client = await logInOnConsole(oa, secretary.openId);
    expect(decodeSvgQrCode(await view())).toBe(far);
    expect(oa.wechat.qrCodes).toHaveLength(1);

    // 20 days later a new code lasts the window: it replaces the old one, once.
    clock.now = new Date(clock.now.getTime() + 20 * day);
    client = await logInOnConsole(oa, secretary.openId);
    const lasting = await view();
    expect(lasting).not.toContain('早于签到结束');
    const renewed = decodeSvgQrCode(lasting);
    expect(renewed).not.toBe(far);
    expect(oa.wechat.qrCodes).toHaveLength(2);
    expect(Math.abs(oa.wechat.qrCodes[1]!.expiresAt - closingTime(oa, startsAt))).toBeLessThan(1000);
    expect(decodeSvgQrCode(await view())).toBe(renewed);
    expect(oa.wechat.qrCodes).toHaveLength(2);
  });

  it('stores one code when two views make one at the same moment, and both show it', async () => {
    const oa = (h = await startOfficialAccount());
    const { secretary, organizationId } = await branchWithSecretary(oa);
    const startsAt = new Date(Date.now() + 3_600_000);
    const { id } = await oa.db.activity.create({ data: { organizationId, title: '主题党日', startsAt, place: '党群服务中心', status: 'OPEN', createdById: secretary.id } });
    // WeChat answers only once both requests have asked: both read "no code" before either writes.
    let made = 0;
    let bothAsked: () => void;
    const asked = new Promise<void>((resolve) => (bothAsked = resolve));
    const maker: QrCodeMaker = {
      async createQrCode() {
        const nth = ++made;
        if (nth === 2) bothAsked();
        await asked;
        return { url: `http://weixin.qq.com/q/code-${nth}`, expiresAt: startsAt };
      },
    };
    const get = () => getActivityQrCode(oa.db, { activityId: id, maker, now: new Date(), window: { closesMinutes: 120 } });
    const [one, two] = await Promise.all([get(), get()]);
    expect(made).toBe(2);
    expect(one!.url).toBe(two!.url);
    expect((await oa.db.activity.findUniqueOrThrow({ where: { id } })).qrCodeUrl).toBe(one!.url);
  });
});

describe('the 确认 reply of an activity', () => {
  it('has no QR code link on a personal account, the console being on', async () => {
    const harness = (h = await startHarness(await consoleEnv()));
    const { secretary } = await seedBranchWithPeople(harness, 1);
    await harness.ask(secretary, '活动 十二月主题党日 明天下午3点 祁连路党群服务中心');
    const reply = await harness.ask(secretary, '确认');
    expect(reply).toContain('已确认');
    expect(reply).not.toContain('/qr');
  });
});

function closingTime(oa: OfficialAccountHarness, startsAt: Date): number {
  return startsAt.getTime() + oa.config.ACTIVITY_CHECK_IN_CLOSES_MINUTES * 60_000;
}

/** A console session of the secretary with this OpenID, through the 后台 link the bot sends. */
async function logInOnConsole(oa: OfficialAccountHarness, openId: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(consoleBaseUrl(oa.config)!);
  await client.logIn(loginLinkIn(await oa.ask(openId, '后台')));
  return client;
}
