import { randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getOrganizationRollup } from '../src/domain/console/get-organization-rollup.ts';
import { getSendingSummary } from '../src/domain/console/get-sending-summary.ts';
import type { Role } from '../src/generated/prisma/client.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { careBranch, day, runSilentScan } from './support/care-branch.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranchWithPeople } from './support/seed.ts';

/**
 * Issue 16: a secretary or admin is not a member of the organisation they lead — not invited,
 * counted or nudged for it — but is a member of the levels above; and an alert about members always
 * reaches someone who can act on it.
 */
let h: Harness;
afterEach(async () => {
  await h.stop();
});

const alertsTo = (contact: ContactMock) => h.received(contact.id).filter((m) => m.text.startsWith('⚠️ 关心提醒'));

/** A secretary or admin of the organisation at `organizationId`, bound to a mock contact. */
async function leader(organizationId: number, role: Role = 'SECRETARY') {
  const row = await h.db.member.create({
    data: { name: `上级书记${randomInt(1e9)}`, phone: `199${String(randomInt(1e8)).padStart(8, '0')}`, role, organizationId },
  });
  const contact = h.world.createContact(row.name);
  await bindDirectly(h.db, contact.id, row.id);
  return { row, contact };
}

async function parentOf(organizationId: number) {
  return h.db.organization.findFirstOrThrow({ where: { children: { some: { id: organizationId } } } });
}

describe('secretaries are not members of their own flock', () => {
  it('a secretary is not invited to, nor counted in, their own activity; the preview counts members only', async () => {
    h = await startHarness();
    const { secretary, secretaryRow, members } = await seedBranchWithPeople(h, 2);

    const preview = await h.ask(secretary, '活动 主题党日 明天下午3点 党群服务中心');
    expect(preview).toContain('2 名党员');
    const id = Number(/编号 (\d+)/.exec(preview)![1]);
    await h.ask(secretary, '确认');
    await h.settle();

    expect(await h.db.delivery.count({ where: { broadcast: { activityId: id }, memberId: secretaryRow.id } })).toBe(0);
    expect(h.received(secretary.id).filter((m) => m.text.startsWith('【活动邀请】'))).toHaveLength(0);
    for (const { contact } of members) expect(h.received(contact.id).filter((m) => m.text.includes('【活动邀请】'))).toHaveLength(1);
    const stats = await h.ask(secretary, `统计 ${id}`);
    expect(stats).toContain('邀请 2 人');
    expect(stats).not.toContain(secretaryRow.name);
  });

  it('a branch secretary is a member of the level above: a notice from there reaches them', async () => {
    h = await startHarness();
    const { branch, secretary, members } = await seedBranchWithPeople(h, 1);
    const upper = await leader((await parentOf(branch.organizationId)).id);

    expect(await h.ask(upper.contact, '通知 全区通知')).toContain('2 名党员');
    await h.ask(upper.contact, '确认');
    await h.settle();
    expect(h.received(secretary.id).map((m) => m.text)).toContain('【通知】全区通知');
    expect(h.received(members[0]!.contact.id).map((m) => m.text)).toContain('【通知】全区通知');
    expect(h.received(upper.contact.id).map((m) => m.text)).not.toContain('【通知】全区通知');
  });

  it('统计 and 未签到 leave out the secretary who asks', async () => {
    h = await startHarness();
    const { secretary, secretaryRow, members } = await seedBranchWithPeople(h, 2);
    await h.db.member.updateMany({ where: { id: { in: [secretaryRow.id, ...members.map((m) => m.row.id)] } }, data: { lastActiveAt: null } });

    const stats = await h.ask(secretary, '统计');
    expect(stats).toContain('未签到 2 人');
    expect(stats).not.toContain(secretaryRow.name);
    const silent = await h.ask(secretary, '未签到');
    expect(silent).toContain(members[0]!.row.name);
    expect(silent).not.toContain(secretaryRow.name);
  });

  it('the silent scan neither nudges nor marks the secretary, so the alert about their members reaches them (was: escalated 3, alerted 0)', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, ['甲', '乙', '丙'].map((name) => ({ name, silentDays: 0 })), now);
    // Everyone, the secretary too, silent from now on.
    await h.db.member.update({ where: { id: b.secretaryRow.id }, data: { lastActiveAt: now } });

    await runSilentScan(h, new Date(now.getTime() + 15 * day));
    await runSilentScan(h, new Date(now.getTime() + 22 * day));
    const result = await runSilentScan(h, new Date(now.getTime() + 50 * day));

    expect(result).toMatchObject({ escalated: 3, alerted: 3, alertMessages: 1 });
    expect(await h.db.member.findUniqueOrThrow({ where: { id: b.secretaryRow.id } })).toMatchObject({ status: 'ACTIVE', nudgeCount: 0 });
    expect(h.received(b.secretary.id).filter((m) => !m.text.startsWith('⚠️'))).toHaveLength(0);
    expect(alertsTo(b.secretary)[0]!.text).toContain('疑似失联 3 人');
  });

  it('a branch secretary silent for weeks is cared for by the level above: nudged, and reported there', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '甲', silentDays: -100 }], now);
    const upper = await leader((await parentOf(b.organizationId)).id);
    await h.db.member.update({ where: { id: b.secretaryRow.id }, data: { lastActiveAt: now } });
    await h.db.member.update({ where: { id: upper.row.id }, data: { lastActiveAt: new Date(now.getTime() + 100 * day) } });

    expect(await runSilentScan(h, new Date(now.getTime() + 15 * day))).toMatchObject({ nudged: 1 });
    expect(h.received(b.secretary.id)).toHaveLength(1);
    await runSilentScan(h, new Date(now.getTime() + 22 * day));
    expect(await runSilentScan(h, new Date(now.getTime() + 50 * day))).toMatchObject({ escalated: 1, alerted: 1 });
    const alert = alertsTo(upper.contact)[0]!.text;
    expect(alert).toContain(`${b.secretaryRow.name}（流动党员支部）`);
    expect(alertsTo(b.secretary)).toHaveLength(0);
  });
});

describe('an alert always reaches someone', () => {
  for (const absent of ['not bound', '疑似失联'] as const) {
    it(`goes to the level above when the branch secretary is ${absent}`, async () => {
      h = await startHarness();
      const now = new Date();
      const b = await careBranch(h, [{ name: '甲', silentDays: null, unbound: true }], now);
      const upper = await leader((await parentOf(b.organizationId)).id);
      if (absent === 'not bound') await h.db.wechatContact.deleteMany({ where: { memberId: b.secretaryRow.id } });
      else await h.db.member.update({ where: { id: b.secretaryRow.id }, data: { status: 'LOST_CONTACT', careAlertedAt: now } });

      expect(await runSilentScan(h, now)).toMatchObject({ alerted: 1, alertMessages: 1 });
      expect(alertsTo(upper.contact)[0]!.text).toContain(`${b.person('甲').row.name}（流动党员支部）`);
      expect(alertsTo(b.secretary)).toHaveLength(0);
    });
  }
});

describe('the 发送 page files a delivery under the organisation of the member it is for', () => {
  it('a nudge to a branch member counts for the branch, though the day’s nudges are one broadcast of the root', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '甲', silentDays: 20 }], now);
    expect(await runSilentScan(h, now)).toMatchObject({ nudged: 1 });

    const summary = await getSendingSummary(h.db, { organizationPath: b.path, now, days: 7 });
    expect(summary.byKind).toContainEqual({ kind: 'NUDGE', status: 'SENT', count: 1 });
  });

  it('the console overview counts an organisation\'s members, not the secretary who leads it; above, they count like anyone', async () => {
    h = await startHarness();
    const { branch } = await seedBranchWithPeople(h, 2);
    const parent = await parentOf(branch.organizationId);
    const counts = { silentSince: new Date(Date.now() - 14 * day), checkedInOn: new Date().toISOString().slice(0, 10) };
    const own = await getOrganizationRollup(h.db, { organizationId: branch.organizationId, path: branch.path, ...counts });
    expect(own.total.members).toBe(2);
    const above = await getOrganizationRollup(h.db, { organizationId: parent.id, path: parent.path, ...counts });
    expect(above.children.find((child) => child.id === branch.organizationId)?.members).toBe(2);
    expect(above.total.members).toBe(3);
  });
});
