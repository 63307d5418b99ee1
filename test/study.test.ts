import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { studyPush } from '../jobs/study-push.ts';
import { studyReminder } from '../jobs/study-reminder.ts';
import { confirmBroadcastPreview } from '../src/domain/broadcasts/confirm-broadcast-preview.ts';
import { recordBookHandout } from '../src/domain/study/record-book-handout.ts';
import { recordStudyConfirmation } from '../src/domain/study/record-study-confirmation.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

const day = 24 * 3600_000;

let h: Harness;
afterEach(async () => {
  await h.stop();
});



function packsReceived(contactId: string, title?: string) {
  return h.received(contactId).filter((m) => m.text.startsWith('【学习包】') && (!title || m.text.includes(title)));
}

function remindersReceived(contactId: string) {
  return h.received(contactId).filter((m) => m.text.startsWith('【学习提醒】'));
}

/** 学习包 → 确认, as a secretary does it. */
async function addPack(secretary: ContactMock, title: string, content = `https://example.org/${title}`): Promise<string> {
  expect(await h.ask(secretary, `学习包 ${title} ${content}`)).toContain('请确认学习包');
  return h.ask(secretary, '确认');
}

async function runPush(runAt: Date) {
  return studyPush.run(h.plugin.assistant!.jobContext, runAt);
}

async function runReminder(runAt: Date) {
  return studyReminder.run(h.plugin.assistant!.jobContext, runAt);
}

describe('学习包: preview → 确认 → weekly push', () => {
  it('previews and queues without sending; the weekly push reaches every bound member once, in direct chats only', async () => {
    h = await startHarness();
    const { secretary, secretaryRow, members, room, unbound } = await seedBranchWithPeople(h, 3, { unbound: 1 });

    const preview = await h.ask(secretary, '学习包 学习全会精神 https://example.org/plenum 请认真学习');
    expect(preview).toContain('请确认学习包');
    expect(preview).toContain('【学习包】学习全会精神\nhttps://example.org/plenum 请认真学习\n学完请回复「已学」打卡。');
    expect(preview).toMatch(/预计 \d+月\d+日（周一）9:00 随每周定时推送发出/);
    expect(preview).toContain('3 名党员'); // the members, not the secretary who leads them (issue 16)
    expect(preview).toContain('1 人未绑定微信');
    expect(preview).not.toContain('群');

    const confirmed = await h.ask(secretary, '确认');
    expect(confirmed).toContain('已确认，学习包「学习全会精神」排在队列第 1 位');
    expect(confirmed).toContain('立即发送');
    await h.settle();
    for (const { contact } of members) expect(h.received(contact.id)).toHaveLength(0);
    const pack = await h.db.studyPack.findFirstOrThrow({ where: { createdById: secretaryRow.id } });
    expect(pack.status).toBe('WAITING');

    const runAt = new Date();
    expect(await runPush(runAt)).toEqual({ packs: 1, deliveries: 3 }); // the bound members; the secretary leads them
    expect(await runPush(runAt)).toEqual({ packs: 1, deliveries: expect.any(Number) }); // a retried run finishes the same pack
    expect(await runPush(new Date(runAt.getTime() + 7 * day))).toEqual({ packs: 0, deliveries: 0 }); // next week: nothing waits
    await h.settle();

    for (const { contact } of members) {
      expect(packsReceived(contact.id).map((m) => m.text)).toEqual(['【学习包】学习全会精神\nhttps://example.org/plenum 请认真学习\n学完请回复「已学」打卡。']);
    }
    expect(packsReceived(secretary.id)).toHaveLength(0);
    expect(h.received(room.id)).toHaveLength(0);
    const after = await h.db.studyPack.findUniqueOrThrow({ where: { id: pack.id } });
    expect(after.status).toBe('PUSHED');
    expect(after.pushedAt?.toISOString()).toBe(runAt.toISOString());
    const deliveries = await h.db.delivery.findMany({ where: { broadcast: { studyPackId: pack.id } } });
    expect(deliveries.filter((d) => d.status === 'SENT')).toHaveLength(3);
    expect(deliveries.filter((d) => d.status === 'FAILED').map((d) => d.memberId)).toEqual([unbound[0]!.id]);
  });

  it('pushes one pack per organisation per week, oldest first, each to its own members', async () => {
    h = await startHarness();
    const ours = await seedBranchWithPeople(h, 1);
    const theirs = await seedBranchWithPeople(h, 1);
    await addPack(ours.secretary, '第一课');
    expect(await addPack(ours.secretary, '第二课')).toContain('排在队列第 2 位');
    await addPack(theirs.secretary, '他们的课');

    const monday = new Date();
    expect(await runPush(monday)).toEqual({ packs: 2, deliveries: 2 }); // one member each; the secretaries lead them
    await h.settle();
    expect(packsReceived(ours.members[0]!.contact.id).map((m) => m.text.split('\n')[0])).toEqual(['【学习包】第一课']);
    expect(packsReceived(theirs.members[0]!.contact.id).map((m) => m.text.split('\n')[0])).toEqual(['【学习包】他们的课']);

    expect(await runPush(new Date(monday.getTime() + 7 * day))).toEqual({ packs: 1, deliveries: 1 });
    await h.settle();
    expect(packsReceived(ours.members[0]!.contact.id).map((m) => m.text.split('\n')[0])).toEqual(['【学习包】第一课', '【学习包】第二课']);
    expect(packsReceived(theirs.members[0]!.contact.id)).toHaveLength(1);
  });

  it('取消 after a 学习包 preview drops the pack: nothing is queued or pushed', async () => {
    h = await startHarness();
    const { secretary, secretaryRow, members } = await seedBranchWithPeople(h, 1);

    await h.ask(secretary, '学习包 作废的课 内容');
    expect(await h.ask(secretary, '取消')).toContain('已作废');
    expect(await h.ask(secretary, '确认')).toContain('没有待确认');
    expect(await runPush(new Date())).toEqual({ packs: 0, deliveries: 0 });
    await h.settle();

    expect(packsReceived(members[0]!.contact.id)).toHaveLength(0);
    expect((await h.db.studyPack.findFirstOrThrow({ where: { createdById: secretaryRow.id } })).status).toBe('DISCARDED');
  });

  it('立即发送 pushes the next waiting pack now, in queue order', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);
    await addPack(secretary, '急课');
    await addPack(secretary, '下一课');

    const pushed = await h.ask(secretary, '立即发送');
    expect(pushed).toContain('学习包「急课」发给 2 人：今天发出 2 人（私聊）'); // what will happen (issue 16)
    expect(pushed).toContain('队列中还有 1 个学习包');
    await h.settle();
    for (const { contact } of members) expect(packsReceived(contact.id).map((m) => m.text.split('\n')[0])).toEqual(['【学习包】急课']);

    expect(await h.ask(secretary, '立即发送')).toContain('「下一课」');
    await h.settle();
    expect(await h.ask(secretary, '立即发送')).toContain('没有等待发送的学习包');
    await h.settle();
    for (const { contact } of members) expect(packsReceived(contact.id)).toHaveLength(2);
    // The weekly push then finds nothing left.
    expect(await runPush(new Date())).toEqual({ packs: 0, deliveries: 0 });
  });

  it('adds a pack from the command line, straight into the queue', async () => {
    h = await startHarness();
    const { branch, secretaryRow, members } = await seedBranchWithPeople(h, 1);
    const run = promisify(execFile);
    const { stdout } = await run(
      'npx',
      ['tsx', 'scripts/add-study-pack.ts', '--org', branch.path, '--title', '命令行的课', '--content', 'https://example.org/cli'],
      { env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL } },
    );
    expect(stdout).toContain('排在队列第 1 位');
    const pack = await h.db.studyPack.findFirstOrThrow({ where: { title: '命令行的课' } });
    expect(pack).toMatchObject({ status: 'WAITING', createdById: secretaryRow.id, organizationId: branch.organizationId });

    await runPush(new Date());
    await h.settle();
    expect(packsReceived(members[0]!.contact.id, '命令行的课')).toHaveLength(1);

    await expect(
      run('npx', ['tsx', 'scripts/add-study-pack.ts', '--org', '没有这个组织', '--title', 't', '--content', 'c'], {
        env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL },
      }),
    ).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});

describe('已学', () => {
  it('confirms the latest pack the member received, once; the count is this year’s', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);
    const [first, second] = members as [(typeof members)[0], (typeof members)[0]];
    await addPack(secretary, '旧课');
    await addPack(secretary, '新课');
    const monday = new Date();
    await runPush(monday);
    await h.settle();
    await runPush(new Date(monday.getTime() + 60_000));
    await h.settle();
    expect(packsReceived(first.contact.id)).toHaveLength(2);
    const [older, newer] = await h.db.studyPack.findMany({ orderBy: { id: 'asc' } });

    expect(await h.ask(first.contact, '已学')).toBe('感谢学习！「新课」已打卡，这是您今年第 1 次学习打卡。');
    expect(await h.ask(first.contact, '已学')).toContain('您已经为「新课」打过卡了');
    expect(await h.ask(second.contact, '学习打卡')).toContain('「新课」已打卡');

    const confirmations = await h.db.studyConfirmation.findMany({ orderBy: { memberId: 'asc' } });
    expect(confirmations.map((c) => [c.studyPackId, c.memberId])).toEqual([
      [newer!.id, first.row.id],
      [newer!.id, second.row.id],
    ]);
    expect(await h.db.studyConfirmation.count({ where: { studyPackId: older!.id } })).toBe(0);
  });

  it('a member who has received no pack is told so, and nothing is recorded', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1);
    await addPack(secretary, '还没发的课'); // waiting, not pushed

    expect(await h.ask(members[0]!.contact, '已学')).toContain('您还没有收到学习包');
    expect(await h.db.studyConfirmation.count()).toBe(0);
  });
});

describe('study reminder', () => {
  it('reminds members who have not said 已学, once, and not before the 3-day mark', async () => {
    h = await startHarness();
    const { secretary, members, unbound } = await seedBranchWithPeople(h, 3, { unbound: 1 });
    const [studied, lazy, late] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    await addPack(secretary, '要提醒的课');
    const pushedAt = new Date();
    await runPush(pushedAt);
    await h.settle();
    await h.ask(studied.contact, '已学');

    expect(await runReminder(new Date(pushedAt.getTime() + 3 * day - 60_000))).toEqual({ reminders: 0 });
    await h.settle();
    for (const { contact } of members) expect(remindersReceived(contact.id)).toHaveLength(0);

    const due = new Date(pushedAt.getTime() + 3 * day);
    expect(await runReminder(due)).toEqual({ reminders: 2 }); // lazy, late (the secretary got no pack)
    expect(await runReminder(due)).toEqual({ reminders: expect.any(Number) }); // a retried run
    await h.settle();
    await runReminder(new Date(pushedAt.getTime() + 4 * day)); // the next day
    await h.settle();

    expect(remindersReceived(studied.contact.id)).toHaveLength(0);
    for (const contact of [lazy.contact, late.contact]) {
      expect(remindersReceived(contact.id).map((m) => m.text.split('\n')[0])).toEqual(['【学习提醒】学习包「要提醒的课」您还没有打卡：']);
    }
    const reminders = await h.db.broadcast.findMany({ where: { kind: 'STUDY_REMINDER' }, include: { deliveries: true } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.deliveries.every((d) => d.capped)).toBe(true);
    expect(reminders[0]!.deliveries.map((d) => d.memberId)).not.toContain(unbound[0]!.id); // never got the pack

    // The reminder's 已学 confirms the pack it reminds of.
    expect(await h.ask(lazy.contact, '已学')).toContain('「要提醒的课」已打卡');
  });
});

describe('发书 and 我的', () => {
  it('records a book hand-out; 我的 shows online and offline study', async () => {
    h = await startHarness();
    const { secretary, secretaryRow, members } = await seedBranchWithPeople(h, 1);
    const member = members[0]!;
    await addPack(secretary, '一课');
    await runPush(new Date());
    await h.settle();
    await h.ask(member.contact, '已学');

    expect(await h.ask(secretary, `发书 ${member.row.name} 《红岩》`)).toBe(`已记录：向${member.row.name}发放《红岩》。${member.row.name}累计领取党建书籍 1 本。`);
    expect(await h.ask(secretary, `发书 ${member.row.name} 习近平新时代中国特色社会主义思想学习纲要`)).toContain('累计领取党建书籍 2 本');

    const me = await h.ask(member.contact, '我的');
    expect(me).toContain('今年学习打卡 1 次；领取党建书籍 2 本（最近：《习近平新时代中国特色社会主义思想学习纲要》）');
    const handout = await h.db.bookHandout.findFirstOrThrow({ where: { title: '红岩' } });
    expect(handout).toMatchObject({ memberId: member.row.id, recordedById: secretaryRow.id });
  });

  it('asks for the phone ending when names are shared, and finds nobody outside the organisation', async () => {
    h = await startHarness();
    const ours = await seedBranchWithPeople(h, 0);
    const theirs = await seedBranchWithPeople(h, 1);
    const name = `同名${randomInt(1e6)}`;
    const phones = ['13900001111', '13900002222'];
    for (const phone of phones) {
      await h.db.member.create({ data: { name, phone, organizationId: ours.branch.organizationId } });
    }

    expect(await h.ask(ours.secretary, `发书 ${name} 红岩`)).toContain('请加上手机号后四位');
    expect(await h.ask(ours.secretary, `发书 ${name} 2222 红岩`)).toContain(`向${name}发放《红岩》`);
    const given = await h.db.bookHandout.findMany({ include: { member: true } });
    expect(given.map((g) => g.member.phone)).toEqual([phones[1]]);

    expect(await h.ask(ours.secretary, `发书 ${theirs.members[0]!.row.name} 红岩`)).toContain('没有在');
    expect(await h.ask(ours.secretary, '发书 红岩')).toContain('格式');
    expect(await h.db.bookHandout.count()).toBe(1);
  });

  it('我的 without any study says 0', async () => {
    h = await startHarness();
    const { members } = await seedBranchWithPeople(h, 1);
    const me = await h.ask(members[0]!.contact, '我的');
    expect(me).toContain('今年学习打卡 0 次；领取党建书籍 0 本');
    expect(me).not.toContain('最近：《');
  });
});

describe('学习统计', () => {
  it('shows 已学 / delivered of the latest packs and who has not confirmed the latest', async () => {
    h = await startHarness();
    const { secretary, members, unbound } = await seedBranchWithPeople(h, 3, { unbound: 1 });
    await addPack(secretary, '第一期');
    await addPack(secretary, '第二期');
    await addPack(secretary, '第三期');
    const monday = new Date();
    await runPush(monday);
    await h.settle();
    for (const { contact } of members) await h.ask(contact, '已学'); // all study 第一期
    await runPush(new Date(monday.getTime() + 60_000));
    await h.settle();
    await h.ask(members[0]!.contact, '已学'); // one studies 第二期

    const stats = await h.ask(secretary, '学习统计');
    const lines = stats.split('\n');
    expect(lines[0]).toContain('学习统计');
    expect(lines[1]).toMatch(/^「第二期」\d+月\d+日推送：已学 1\/3 人（33.3%），另有 1 人未收到：1 人未绑定微信或已取消关注，收不到$/); // with the reason (issue 16)
    expect(lines[2]).toMatch(/^「第一期」\d+月\d+日推送：已学 3\/3 人（100%），另有 1 人未收到：1 人未绑定微信或已取消关注，收不到$/);
    const [heading, names] = lines[3]!.split('：') as [string, string];
    expect(heading).toBe('「第二期」未打卡 3 人（其中 1 人未收到）');
    expect(names.split('、').sort()).toEqual([members[1]!.row.name, members[2]!.row.name, unbound[0]!.name].sort());
    expect(lines[4]).toBe('队列中还有 1 个学习包等待推送。');
  });

  it('caps the names at 50', async () => {
    h = await startHarness();
    const { secretary } = await seedBranchWithPeople(h, 0, { unbound: 60 });
    await addPack(secretary, '大课');
    await runPush(new Date());
    await h.settle();
    const stats = await h.ask(secretary, '学习统计');
    expect(stats).toContain('「大课」未打卡 60 人（其中 60 人未收到）');
    expect(stats).toContain('…等 60 人');
  });

  it('says so when nothing has been pushed', async () => {
    h = await startHarness();
    const { secretary } = await seedBranchWithPeople(h, 1);
    expect(await h.ask(secretary, '学习统计')).toContain('还没有推送过学习包');
  });
});

describe('who may use the study commands', () => {
  it('plain members get 无权限 and nothing is created or sent', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2);
    const member = members[0]!;
    await addPack(secretary, '书记的课');

    expect(await h.ask(member.contact, '学习包 我的课 内容')).toContain('无权限');
    expect(await h.ask(member.contact, '立即发送')).toContain('无权限');
    expect(await h.ask(member.contact, `发书 ${members[1]!.row.name} 红岩`)).toContain('无权限');
    expect(await h.ask(member.contact, '学习统计')).toContain('无权限');
    await h.settle();

    expect(await h.db.studyPack.count({ where: { createdById: member.row.id } })).toBe(0);
    expect(await h.db.studyPack.count({ where: { status: 'PUSHED' } })).toBe(0);
    expect(await h.db.bookHandout.count()).toBe(0);
    expect(packsReceived(members[1]!.contact.id)).toHaveLength(0);
  });

  it('secretaries are asked to use a direct chat', async () => {
    h = await startHarness();
    const { secretary, room } = await seedBranchWithPeople(h, 1);
    secretary.say('学习统计').to(room);
    const reply = await h.waitForSent((m) => m.conversationId === room.id);
    expect(reply.text).toContain('请私聊我');
  });
});

describe('retried messages (an intake batch run again after a crash)', () => {
  it('确认, 已学 and 发书 with the same message time give the same answer and write once', async () => {
    h = await startHarness();
    const { secretary, secretaryRow, members } = await seedBranchWithPeople(h, 1);
    const member = members[0]!;
    await h.ask(secretary, '学习包 重试的课 内容');
    const at = new Date();

    const first = await confirmBroadcastPreview(h.db, { secretaryId: secretaryRow.id, now: at });
    expect(first).toMatchObject({ outcome: 'waiting', studyPack: { title: '重试的课' }, position: 1 });
    expect(await confirmBroadcastPreview(h.db, { secretaryId: secretaryRow.id, now: at })).toEqual(first);
    expect((await confirmBroadcastPreview(h.db, { secretaryId: secretaryRow.id, now: new Date(at.getTime() + 1000) })).outcome).toBe(
      'nothing-to-confirm',
    );
    expect(await h.db.delivery.count()).toBe(0);

    await runPush(new Date());
    await h.settle();
    const confirmedAt = new Date();
    const studied = await recordStudyConfirmation(h.db, { memberId: member.row.id, now: confirmedAt });
    expect(studied.outcome).toBe('confirmed');
    expect(await recordStudyConfirmation(h.db, { memberId: member.row.id, now: confirmedAt })).toEqual(studied);
    expect((await recordStudyConfirmation(h.db, { memberId: member.row.id, now: new Date(confirmedAt.getTime() + 1000) })).outcome).toBe('already-confirmed');

    const handout = { memberId: member.row.id, title: '红岩', recordedById: secretaryRow.id, at: new Date() };
    expect(await recordBookHandout(h.db, handout)).toEqual({ books: 1 });
    expect(await recordBookHandout(h.db, handout)).toEqual({ books: 1 });
  });
});
