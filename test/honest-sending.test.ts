import { afterEach, describe, expect, it } from 'vitest';
import { weeklyDigest } from '../jobs/digest.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { consoleWorldPerTest } from './support/console-client.ts';
import { seedBranch, seedBranchWithPeople } from './support/seed.ts';
import { followAndBind, startOfficialAccount, type OfficialAccountHarness } from './support/official-account-harness.ts';

// Issue 16: every reply that starts sending says what will really happen, by the outbox's own rules.
let h: Harness;

/**
 * A time zone in which the real clock now reads `hour`:xx (Etc/GMT-8 is UTC+8): the assistant runs on
 * the real clock, as the outbox and BullMQ do, and the test still knows the local time of day.
 */
function zoneAt(hour: number): string {
  const offset = ((hour - new Date().getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** 5 members; all but the first already had today's 2 proactive messages (the daily cap). */
async function branchWithCapUsed() {
  const people = await seedBranchWithPeople(h, 5);
  await useUpCap(h, people.branch.organizationId, people.members.slice(1));
  return people;
}

/** These members already had today's 2 proactive messages (the daily cap). */
async function useUpCap(h: Harness, organizationId: number, members: { row: { id: number }; contact: { id: string } }[]) {
  const earlier = new Date(Date.now() - 60_000);
  for (const text of ['【通知】早上的通知', '【通知】中午的通知']) {
    const broadcast = await h.db.broadcast.create({
      data: { kind: 'NOTICE', status: 'CONFIRMED', organizationId, text, confirmedAt: earlier },
    });
    await h.db.delivery.createMany({
      data: members.map((m) => ({
        broadcastId: broadcast.id, memberId: m.row.id, conversationId: m.contact.id, capped: true, status: 'SENT' as const, sentAt: earlier,
      })),
    });
  }
}

async function startAt(hour: number) {
  h = await startHarness({ APP_TIME_ZONE: zoneAt(hour), QUIET_HOURS: '22:00-08:00' });
}

describe('honest sending', () => {
  afterEach(async () => {
    await h.stop();
  });

  it('通知 after the daily cap: the preview warns about 今晚, 确认 says who gets it today and when the rest go', async () => {
    await startAt(14);
    const { secretary, members, room } = await branchWithCapUsed();

    const preview = await h.ask(secretary, '通知 今晚8点线上学习全会精神');
    expect(preview).toContain('今天发出 1 人，4 人已达今日上限，明日 8:00 后发出');
    expect(preview).toContain('提到今天');
    expect(preview).toContain('紧急');

    const confirmed = await h.ask(secretary, '确认');
    expect(confirmed).toContain('发给 5 人：今天发出 1 人，4 人已达今日上限，明日 8:00 后发出；并发到 1 个群');
    expect(confirmed).not.toContain('共 5 条');
    await h.waitForSent((m) => m.conversationId === members[0]!.contact.id && m.text.includes('今晚8点'));
    // The group's post is queued after the members' messages: once it is out, the rest were held.
    await h.waitForSent((m) => m.conversationId === room.id && m.text.includes('今晚8点'));
    expect(members.slice(1).every((m) => !h.received(m.contact.id).some((sent) => sent.text.includes('今晚8点')))).toBe(true);
  });

  it('紧急 lets a notice past the members\' daily cap', async () => {
    await startAt(14);
    const { secretary, members } = await branchWithCapUsed();

    const preview = await h.ask(secretary, '通知 紧急 今晚8点线上学习全会精神');
    expect(preview).toContain('紧急');
    expect(preview).toContain('今天发出 5 人');
    expect(preview).not.toContain('紧急 今晚');
    expect(await h.ask(secretary, '确认')).toContain('发给 5 人：今天发出 5 人');
    for (const m of members) await h.waitForSent((sent) => sent.conversationId === m.contact.id && sent.text.includes('今晚8点'));
    const broadcast = await h.db.broadcast.findFirstOrThrow({ where: { kind: 'NOTICE', status: 'CONFIRMED', urgent: true } });
    expect(broadcast.text).not.toContain('紧急');
    // Its use shows in the digest.
    await weeklyDigest.run(h.plugin.assistant!.jobContext, new Date());
    const digest = await h.waitForSent((m) => m.conversationId === secretary.id && m.text.startsWith('📋 每周简报'));
    expect(digest.text).toContain('紧急：过去 7 天有 1 条通知或活动以「紧急」越过每人每日条数上限发出');
  });

  it('紧急 never passes quiet hours', async () => {
    await startAt(23);
    const { secretary, members } = await seedBranchWithPeople(h, 3);

    await h.ask(secretary, '通知 紧急 明早9点集合');
    expect(await h.ask(secretary, '确认')).toContain('发给 3 人：3 人在免打扰时段，明日 8:00 后发出');
    await h.settle();
    expect(members.every((m) => h.received(m.contact.id).length === 0)).toBe(true);
  });

  it('立即发送 after the daily cap says the pack goes out tomorrow, not "私聊发给 5 名党员"', async () => {
    await startAt(14);
    const { secretary } = await branchWithCapUsed();
    await h.ask(secretary, '学习包 学习全会精神 https://example.org/plenum');
    await h.ask(secretary, '确认');

    const pushed = await h.ask(secretary, '立即发送');
    expect(pushed).toContain('学习包「学习全会精神」发给 5 人：今天发出 1 人，4 人已达今日上限，明日 8:00 后发出');
    expect(pushed).not.toContain('私聊发给 5 名党员');
  });

  it('学习统计 says why members did not get the pack and when they will', async () => {
    await startAt(14);
    const { secretary } = await branchWithCapUsed();
    await h.ask(secretary, '学习包 学习全会精神 https://example.org/plenum');
    await h.ask(secretary, '确认');
    await h.ask(secretary, '立即发送');
    await h.settle();

    const stats = await h.ask(secretary, '学习统计');
    expect(stats).toContain('已学 0/1 人');
    expect(stats).toContain('另有 4 人未收到：4 人已达今日上限，明日 8:00 后发出');
  });
});

describe('honest sending on the official account', () => {
  let oa: OfficialAccountHarness | undefined;
  afterEach(async () => {
    await oa?.stop();
    oa = undefined;
  });

  /** A secretary and one member who has never written to the account (their 48-hour window is closed). */
  async function branchOnAccount(account: OfficialAccountHarness) {
    const seeded = await seedBranch(account.db, [{ name: '书记', role: 'SECRETARY' }, { name: '孙七' }]);
    const [secretary, member] = seeded.members as [(typeof seeded.members)[0], (typeof seeded.members)[0]];
    await followAndBind(account, 'o-secretary', secretary.id);
    await followAndBind(account, 'o-sun', member.id);
    return seeded;
  }

  it('says a member outside the 48-hour window gets the notice at their next message when no template serves it', async () => {
    oa = await startOfficialAccount();
    await branchOnAccount(oa);
    await oa.ask('o-secretary', '通知 周六上午打扫社区卫生');
    expect(await oa.ask('o-secretary', '确认')).toContain('发给 1 人：1 人超过 48 小时未与公众号互动（未配置模板消息），待其下次发消息后发出');
  });

  it('says it goes today when a template serves the kind', async () => {
    oa = await startOfficialAccount({ OA_TEMPLATES: JSON.stringify({ notice: { id: 'TPL_NOTICE', data: { thing1: 'title' } } }) });
    await branchOnAccount(oa);
    await oa.ask('o-secretary', '通知 周六上午打扫社区卫生');
    expect(await oa.ask('o-secretary', '确认')).toContain('发给 1 人：今天发出 1 人');
  });
});

describe('honest sending in the console', () => {
  const world = consoleWorldPerTest();

  it('the preview says when members get it, warns about 今晚, and 紧急 (a checkbox) lets it past the daily cap', async () => {
    const { h: harness, client, members, branch } = await world.start({ env: { APP_TIME_ZONE: zoneAt(14), QUIET_HOURS: '22:00-08:00' } });
    await useUpCap(harness, branch.organizationId, members);

    const capped = await (await client.post('/activities/preview', { kind: 'notice', content: '今晚8点线上学习' }, '/activities')).text();
    expect(capped).toContain('预计2 人已达今日上限，明日 8:00 后发出');
    expect(capped).toContain('内容提到今天，但有 2 人今天收不到');

    const urgent = await (await client.post('/activities/preview', { kind: 'notice', content: '今晚8点线上学习', urgent: 'on' }, '/activities')).text();
    expect(urgent).toContain('预计今天发出 2 人');
    expect(urgent).toContain('id="urgent"');
    expect(urgent).not.toContain('today-warning');
  });
});
