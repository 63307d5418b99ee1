import { afterEach, describe, expect, it } from 'vitest';
import { createActivityReminder } from '../src/domain/activities/create-activity-reminder.ts';
import { scanSilentMembers } from '../src/domain/care/scan-silent-members.ts';
import { getSendingSummary } from '../src/domain/console/get-sending-summary.ts';
import { createStudyReminders } from '../src/domain/study/create-study-reminders.ts';
import { proactiveBudgets } from '../src/delivery/proactive-budgets.ts';
import { createWhereaboutsPrompts } from '../src/domain/whereabouts/create-whereabouts-prompts.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { careBranch, day, scanRules } from './support/care-branch.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

// Each test writes a proactive message without queueing it, makes it untrue the way a member would,
// then lets the outbox reach it: it must be dropped with the reason, and nothing sent.

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const timeZone = 'Asia/Shanghai';

async function send(deliveryIds: number[]): Promise<void> {
  expect(deliveryIds.length).toBeGreaterThan(0);
  await h.plugin.assistant!.jobContext.outbox.enqueueDeliveries(deliveryIds);
  await h.settle();
}

const rows = (ids: number[]) => h.db.delivery.findMany({ where: { id: { in: ids } }, select: { status: true, reason: true, text: true } });
const to = (contact: ContactMock, prefix: string) => h.received(contact.id).filter((m) => m.text.includes(prefix));

function nudges(runAt: Date): Promise<number[]> {
  return scanSilentMembers(h.db, { ...scanRules(runAt), budget: { ownAccount: h.config.BOT_NAME, accounts: [], budgets: [], otherwise: 1000 } }).then((result) => result.nudgeDeliveryIds);
}

describe('nothing stale goes out: the outbox checks a proactive message when its turn comes', () => {
  it('a nudge to a member who checked in since it was queued is dropped; reports count it neither sent nor failed', async () => {
    h = await startHarness();
    const runAt = new Date(Date.now() - 3600_000);
    const b = await careBranch(h, [{ name: '张三', silentDays: 20 }], runAt);
    const zhang = b.person('张三');
    const ids = await nudges(runAt);
    expect(await h.ask(zhang.contact, '签到')).toContain('签到');

    await send(ids);
    expect(await rows(ids)).toEqual([expect.objectContaining({ status: 'DROPPED', reason: 'member active since it was queued' })]);
    expect(to(zhang.contact, '天没')).toEqual([]);
    const { broadcast } = await h.db.delivery.findUniqueOrThrow({ where: { id: ids[0] }, select: { broadcast: { select: { organization: { select: { path: true } } } } } });
    const summary = await getSendingSummary(h.db, { organizationPath: broadcast.organization.path, now: new Date(), days: 30 });
    expect(summary.byKind).toEqual([{ kind: 'NUDGE', status: 'DROPPED', count: 1 }]);
    expect(summary.failures).toEqual([]);
  });

  it('a nudge to a member who went on leave meanwhile is dropped', async () => {
    h = await startHarness();
    const runAt = new Date(Date.now() - 3600_000);
    const b = await careBranch(h, [{ name: '李四', silentDays: 20 }], runAt);
    const ids = await nudges(runAt);
    // 请假 is a message too; the leave is what the check names (it is checked first).
    expect(await h.ask(b.person('李四').contact, '请假 30天 跑长途')).toContain('请假');

    await send(ids);
    expect(await rows(ids)).toEqual([expect.objectContaining({ status: 'DROPPED', reason: 'member on leave' })]);
    expect(to(b.person('李四').contact, '天没')).toEqual([]);
  });

  it('a nudge that waited more than 3 days goes out with the true number of silent days', async () => {
    h = await startHarness();
    const runAt = new Date(Date.now() - 5 * day);
    const b = await careBranch(h, [{ name: '王五', silentDays: 20 }], runAt);
    const ids = await nudges(runAt);
    expect((await rows(ids))[0]!.text).toContain('20 天');

    await send(ids);
    const [sent] = to(b.person('王五').contact, b.person('王五').row.name);
    expect(sent!.text).toContain('25 天');
    expect(sent!.text).not.toContain('20 天');
    expect(await rows(ids)).toEqual([expect.objectContaining({ status: 'SENT', text: sent!.text })]);
  });

  it('a study reminder for a pack the member confirmed meanwhile is dropped', async () => {
    h = await startHarness();
    const { secretaryRow, members, branch } = await seedBranchWithPeople(h, 1);
    const [member] = members;
    const pack = await h.db.studyPack.create({
      data: { organizationId: branch.organizationId, title: '学习全会精神', content: 'https://example.org/p', status: 'PUSHED', createdById: secretaryRow.id, pushedAt: new Date(Date.now() - 4 * day) },
    });
    const pushed = await h.db.broadcast.create({
      data: { kind: 'STUDY_PACK', status: 'CONFIRMED', organizationId: branch.organizationId, studyPackId: pack.id, text: '【学习】学习全会精神', confirmedAt: pack.pushedAt },
    });
    await h.db.delivery.create({ data: { broadcastId: pushed.id, memberId: member!.row.id, conversationId: member!.contact.id, status: 'SENT', sentAt: pack.pushedAt } });
    const ids = await createStudyReminders(h.db, { now: new Date(), afterDays: 3 });
    expect(await h.ask(member!.contact, '已学')).toContain('学习全会精神');

    await send(ids);
    expect(await rows(ids)).toEqual([expect.objectContaining({ status: 'DROPPED', reason: 'study pack already confirmed' })]);
    expect(h.received(member!.contact.id)).toHaveLength(1);
  });

  it('an activity follow-up to a member who said 报名 meanwhile, and a reminder for a cancelled activity, are dropped', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);
    const [answering, signedUp] = members as [(typeof members)[0], (typeof members)[0]];
    await h.ask(secretary, '活动 主题党日 后天下午3点 社区党群服务中心');
    await h.ask(secretary, '确认');
    await h.settle();
    const { id: activityId } = await h.db.activity.findFirstOrThrow({ where: { title: '主题党日', status: 'OPEN' }, select: { id: true } });
    await h.ask(signedUp.contact, `报名 ${activityId}`);

    const followUps = await createActivityReminder(h.db, { activityId, kind: 'FOLLOW_UP', minutesBefore: 1440, now: new Date(), timeZone });
    const reminders = await createActivityReminder(h.db, { activityId, kind: 'REMINDER', minutesBefore: 60, now: new Date(), timeZone });
    expect(followUps).toHaveLength(1);
    expect(reminders).toHaveLength(1);
    await h.ask(answering.contact, `报名 ${activityId}`);
    await send(followUps);
    expect(await rows(followUps)).toEqual([expect.objectContaining({ status: 'DROPPED', reason: 'member already answered' })]);

    await h.ask(secretary, `取消活动 ${activityId}`);
    await send(reminders);
    expect(await rows(reminders)).toEqual([expect.objectContaining({ status: 'DROPPED', reason: 'activity cancelled' })]);
    expect(to(answering.contact, '【活动邀请】')).toHaveLength(1); // the invitation, not the follow-up
    expect(to(signedUp.contact, '【活动提醒】')).toEqual([]);
  });

  it('a whereabouts question the member answered meanwhile is dropped', async () => {
    h = await startHarness();
    const runAt = new Date(Date.now() - 3600_000);
    const b = await careBranch(h, [{ name: '赵六', silentDays: -100, residence: '格尔木市' }], runAt);
    const zhao = b.person('赵六');
    const { deliveryIds: ids } = await createWhereaboutsPrompts(h.db, { now: runAt, staleDays: 90, timeZone, budget: await proactiveBudgets(h.db, { now: runAt, config: h.config }) });
    expect(await h.ask(zhao.contact, '去向 西宁市 开出租')).toContain('西宁市');

    await send(ids);
    const own = await h.db.delivery.findMany({ where: { id: { in: ids }, memberId: zhao.row.id }, select: { status: true, reason: true } });
    expect(own).toEqual([{ status: 'DROPPED', reason: 'whereabouts answered meanwhile' }]);
    expect(to(zhao.contact, '请回复「是」')).toEqual([]);
  });
});
