import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBindCode } from '../src/domain/members/bind-code.ts';
import { pruneBindRecords } from '../src/domain/members/prune-bind-records.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

describe('the per-member bind guard', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('after 10 failures naming one member from many contacts, binding that member by digits stops until a code is made; secretaries are told once', async () => {
    const { secretary, unbound } = await seedBranchWithPeople(h, 0, { unbound: 1 });
    const member = unbound[0]!;
    const right = member.phone.slice(-4);
    const wrongDigits = Array.from({ length: 12 }, (_, i) => String(i).padStart(4, '0')).filter((digits) => digits !== right);

    // Two failures from each of six contacts: none reaches its own limit of five.
    const guessers = Array.from({ length: 6 }, (_, i) => h.world.createContact(`猜测者${i}`));
    for (let i = 0; i < 12; i++) await h.ask(guessers[i % 6]!, `绑定 ${member.name} ${wrongDigits[i]}`);
    const lastGuesser = h.world.createContact('猜测者末');
    const refused = await h.ask(lastGuesser, `绑定 ${member.name} ${right}`);
    expect(refused).not.toContain('绑定成功');
    expect((await h.db.wechatContact.findUnique({ where: { id: lastGuesser.id } }))?.memberId ?? null).toBeNull();

    await h.settle();
    const notices = h.received(secretary.id).filter((m) => m.text.includes(member.name) && m.text.includes('绑定码'));
    expect(notices).toHaveLength(1);

    // The member themselves, from a fresh contact, is refused too — with the answer anyone gets.
    const owner = h.world.createContact('本人');
    expect(await h.ask(owner, `绑定 ${member.name} ${right}`)).toBe(refused);

    // A code from a secretary or admin lifts the stop: the code binds, and binding by digits works again later.
    const { code } = await createBindCode(h.db, { memberId: member.id, now: new Date() });
    expect(await h.ask(owner, `绑定 ${code}`)).toContain('绑定成功');
    expect((await h.db.member.findUniqueOrThrow({ where: { id: member.id } })).bindLockedAt).toBeNull();
    await h.settle();
    expect(h.received(secretary.id).filter((m) => m.text.includes('绑定码') && m.text.includes(member.name))).toHaveLength(1);
  });

  it('gives one answer for a bound member, an unknown name and wrong digits', async () => {
    const { members, unbound } = await seedBranchWithPeople(h, 1, { unbound: 1 });
    const bound = members[0]!.row;
    const free = unbound[0]!;
    const answers = [];
    for (const [i, text] of [
      `绑定 ${bound.name} ${bound.phone.slice(-4)}`,
      `绑定 无此人${bound.id} ${bound.phone.slice(-4)}`,
      `绑定 ${free.name} ${free.phone.slice(-4) === '0000' ? '1111' : '0000'}`,
    ].entries()) {
      answers.push(await h.ask(h.world.createContact(`新人${i}`), text));
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).not.toContain('已绑定');
  });

  it('换号 to a phone of a member outside the secretary\'s organisation says only that it is not possible', async () => {
    const ours = await seedBranchWithPeople(h, 1);
    const theirs = await seedBranchWithPeople(h, 1);
    const member = ours.members[0]!.row;
    const elsewhere = theirs.members[0]!.row.phone;
    const answer = await h.ask(ours.secretary, `换号 ${member.name} ${elsewhere}`);
    expect(answer).not.toContain('名册');
    expect(answer).not.toContain(elsewhere.slice(-4));
    expect(answer).toContain('无法');
    // Inside their own organisation the secretary may know who has the number.
    const sibling = await h.db.member.create({
      data: { name: `同支部${member.id}`, phone: `1${String(member.id).padStart(10, '9')}`, organizationId: ours.branch.organizationId },
    });
    expect(await h.ask(ours.secretary, `换号 ${member.name} ${sibling.phone}`)).toContain('已在名册中');
  });

  it('prunes failed binds older than a few days and expired bind codes', async () => {
    const { members } = await seedBranchWithPeople(h, 1);
    const memberId = members[0]!.row.id;
    const now = new Date();
    const old = new Date(now.getTime() - 4 * 24 * 3600_000);
    await h.db.bindFailure.createMany({ data: [{ contactId: `old-${memberId}`, at: old }, { contactId: `new-${memberId}`, at: now }] });
    await createBindCode(h.db, { memberId, now: old });
    const pruned = await pruneBindRecords(h.db, { now });
    expect(pruned.failures).toBeGreaterThanOrEqual(1);
    expect(pruned.codes).toBeGreaterThanOrEqual(1);
    expect(await h.db.bindFailure.count({ where: { contactId: { in: [`old-${memberId}`, `new-${memberId}`] } } })).toBe(1);
    expect(await h.db.bindCode.count({ where: { memberId } })).toBe(0);
  });
});
