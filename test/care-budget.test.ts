import { afterEach, describe, expect, it } from 'vitest';
import { scanSilentMembers } from '../src/domain/care/scan-silent-members.ts';
import { createWeeklyDigests } from '../src/domain/digest/create-weekly-digests.ts';
import { countProactiveBacklog } from '../src/domain/shared/count-proactive-backlog.ts';
import { createWhereaboutsPrompts } from '../src/domain/whereabouts/create-whereabouts-prompts.ts';
import { proactiveBudgets } from '../src/delivery/proactive-budgets.ts';
import { day, scanRules } from './support/care-branch.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranch } from './support/seed.ts';

// The silent scan as its job runs it (the budget from the delivery side, then the scan), without
// letting the outbox send: what a run writes is what the accounts can take before the next run.

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const timeZone = 'Asia/Shanghai';

async function scan(runAt: Date) {
  return scanSilentMembers(h.db, { ...scanRules(runAt), budget: await proactiveBudgets(h.db, { now: runAt, config: h.config }) });
}

/** `count` bound members in the organisation, member i silent `silentDays(i)` days at `now`; their ids in that order. */
async function addMembers(organizationId: number, count: number, now: Date, silentDays: (i: number) => number): Promise<number[]> {
  const tag = `${organizationId}-${Math.random().toString(36).slice(2, 8)}`;
  const createdAt = new Date(now.getTime() - 400 * day);
  const rows = await h.db.member.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      name: `党员${tag}-${i}`,
      phone: `${tag}-${i}`,
      organizationId,
      createdAt,
      lastActiveAt: new Date(now.getTime() - silentDays(i) * day),
    })),
    select: { id: true, phone: true },
  });
  const ids = rows.sort((a, b) => Number(a.phone.split('-').at(-1)) - Number(b.phone.split('-').at(-1))).map((row) => row.id);
  await h.db.wechatContact.createMany({ data: ids.map((memberId) => ({ id: `wx-${memberId}`, memberId, boundAt: now })) });
  return ids;
}

const nudgedIds = async (broadcastKey: string) =>
  (await h.db.delivery.findMany({ where: { broadcast: { key: broadcastKey } }, select: { memberId: true } })).map((d) => d.memberId!);

describe('nudges within what the account can deliver', () => {
  it('5,000 silent, a cap of 400 with 100 waiting: 300 nudged, the longest silent first, the rest counted; the next run takes the next 300', async () => {
    h = await startHarness({ ACCOUNT_DAILY_CAP: '400' });
    const now = new Date();
    const branch = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }]);
    // Member i has been silent 15 + i/100 days: the highest ids are the longest silent.
    const silent = await addMembers(branch.organizationId, 5_000, now, (i) => 15 + i / 100);
    const active = await addMembers(branch.organizationId, 100, now, () => 1);
    const notice = await h.db.broadcast.create({ data: { kind: 'NOTICE', status: 'CONFIRMED', organizationId: branch.organizationId, text: '通知', confirmedAt: now } });
    await h.db.delivery.createMany({ data: active.map((memberId) => ({ broadcastId: notice.id, memberId, conversationId: `wx-${memberId}` })) });

    const first = await scan(now);
    expect(first).toMatchObject({ nudged: 300, leftForNextScan: 4_700 });
    const longestSilent = silent.slice(-300);
    expect((await nudgedIds(`nudge-${dayOf(now)}`)).sort()).toEqual([...longestSilent].sort());
    expect(await countProactiveBacklog(h.db, { organizationPath: branch.path })).toBe(4_700);

    // The day's messages went out (the notice waits on): the next evening's run continues where this one stopped.
    await h.db.delivery.updateMany({ where: { broadcast: { kind: 'NUDGE' } }, data: { status: 'SENT', sentAt: now } });
    const next = new Date(now.getTime() + day);
    expect(await scan(next)).toMatchObject({ nudged: 300, leftForNextScan: 4_400 });
    expect((await nudgedIds(`nudge-${dayOf(next)}`)).sort()).toEqual(silent.slice(-600, -300).sort());
    expect(await countProactiveBacklog(h.db, { organizationPath: branch.path })).toBe(4_400);
  }, 120_000);

  it('organisations take turns: with 10 and 2,000 silent members and room for 100, the small one is not left out', async () => {
    h = await startHarness({ ACCOUNT_DAILY_CAP: '100' });
    const now = new Date();
    const small = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }]);
    const big = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }]);
    // The big branch's members are all more overdue than the small one's.
    const smallIds = await addMembers(small.organizationId, 10, now, () => 15);
    const bigIds = await addMembers(big.organizationId, 2_000, now, (i) => 20 + i / 100);

    expect(await scan(now)).toMatchObject({ nudged: 100, leftForNextScan: 1_910 });
    const nudged = new Set(await nudgedIds(`nudge-${dayOf(now)}`));
    expect(smallIds.every((id) => nudged.has(id))).toBe(true);
    expect(bigIds.filter((id) => nudged.has(id))).toHaveLength(90);
    expect(await countProactiveBacklog(h.db, { organizationPath: small.path })).toBe(0);
    expect(await countProactiveBacklog(h.db, { organizationPath: big.path })).toBe(1_910);

    // The big branch's secretary reads it in the digest.
    const secretary = await h.db.member.findFirstOrThrow({ where: { organizationId: big.organizationId, role: 'SECRETARY' } });
    await h.db.wechatContact.create({ data: { id: 'wx-big-secretary', memberId: secretary.id, boundAt: now } });
    const [digestId] = await createWeeklyDigests(h.db, { now, timeZone, silentAfterDays: 14 });
    const digest = await h.db.delivery.findUniqueOrThrow({ where: { id: digestId }, select: { broadcast: { select: { text: true } } } });
    expect(digest.broadcast.text).toContain('因账号容量，今日另有 1910 人待提醒');
  });
});

describe('the whereabouts question, spread over the quarter', () => {
  it('each working day asks the members whose day it is (and those an earlier day left); the last working day has asked everyone', async () => {
    h = await startHarness();
    // The first quarter of 2027 has 64 working days: Friday 1 January is the first, Monday 4 January the second.
    const firstDay = new Date('2027-01-01T02:00:00Z');
    const branch = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }]);
    await h.db.member.updateMany({ where: { organizationId: branch.organizationId }, data: { whereaboutsAt: firstDay } });
    const stale = await addMembers(branch.organizationId, 130, firstDay, () => 1);
    const ask = async (at: Date) => {
      const budget = await proactiveBudgets(h.db, { now: at, config: h.config });
      await createWhereaboutsPrompts(h.db, { now: at, staleDays: 90, timeZone, budget });
      return (await h.db.delivery.findMany({ where: { broadcast: { key: `whereabouts-${dayOf(at)}` } }, select: { memberId: true } })).map((d) => d.memberId!).sort();
    };

    expect(await ask(firstDay)).toEqual(stale.filter((id) => id % 64 === 0).sort());
    expect(await ask(new Date('2027-01-04T02:00:00Z'))).toEqual(stale.filter((id) => id % 64 === 1).sort());
    // Days nobody ran: the last working day takes up everyone still due, once.
    const last = await ask(new Date('2027-03-31T02:00:00Z'));
    expect(last).toEqual(stale.filter((id) => id % 64 > 1).sort());
    expect(await h.db.delivery.count({ where: { broadcast: { kind: 'WHEREABOUTS_PROMPT' } } })).toBe(130);
  });
});

function dayOf(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}
