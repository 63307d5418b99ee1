import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranch } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';

const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop().catch(() => undefined);
});

/** Two bot accounts of one deployment: two processes' worth of assistant, one database, one Redis. */
async function twoAccounts(): Promise<[Harness, Harness]> {
  const a = await startHarness({ BOT_NAME: 'account-a', RESUME_COOLDOWN_MINUTES: '0' });
  running.push(a);
  const b = await startHarness({ BOT_NAME: 'account-b', RESUME_COOLDOWN_MINUTES: '0', DATABASE_URL: a.config.DATABASE_URL, QUEUE_PREFIX: a.config.QUEUE_PREFIX });
  running.push(b);
  return [a, b];
}

describe('several bot accounts in one deployment', () => {
  it('sends a broadcast to each member once, through the account they bound with; a stopped account holds only its own', async () => {
    const [a, b] = await twoAccounts();
    const branch = await seedBranch(a.db, [{ name: '书记', role: 'SECRETARY' }, { name: '甲' }, { name: '乙' }, { name: '丙' }]);
    const [secretaryRow, first, second, third] = branch.members as [(typeof branch.members)[0], (typeof branch.members)[0], (typeof branch.members)[0], (typeof branch.members)[0]];
    const secretary = a.world.createContact('书记');
    const onA = a.world.createContact('甲');
    const onB = [b.world.createContact('乙'), b.world.createContact('丙')];
    await bindDirectly(a.db, secretary.id, secretaryRow.id);
    await bindDirectly(a.db, onA.id, first.id);
    await bindDirectly(a.db, onB[0]!.id, second.id);
    await bindDirectly(a.db, onB[1]!.id, third.id);
    await a.db.wechatContact.updateMany({ where: { id: { in: [secretary.id, onA.id] } }, data: { account: 'account-a' } });
    await a.db.wechatContact.updateMany({ where: { id: { in: onB.map((contact) => contact.id) } }, data: { account: 'account-b' } });

    await a.ask(secretary, '通知 周六上午打扫社区卫生');
    expect(await a.ask(secretary, '确认')).toContain('已确认');
    const notice = (text: string) => text.includes('打扫社区卫生');
    await waitFor(() => a.received(onA.id).some((m) => notice(m.text)) && onB.every((contact) => b.received(contact.id).some((m) => notice(m.text))));
    await a.settle();
    await b.settle();
    expect(a.received(onA.id).filter((m) => notice(m.text))).toHaveLength(1);
    for (const contact of onB) expect(b.received(contact.id).filter((m) => notice(m.text))).toHaveLength(1);
    // Account A never tried B's members, whose ids mean nothing in its session.
    expect(a.sent.filter((m) => onB.some((contact) => contact.id === m.conversationId))).toEqual([]);

    await b.stop();
    running.splice(running.indexOf(b), 1);
    await a.ask(secretary, '通知 下周一学习');
    await a.ask(secretary, '确认');
    await a.waitForSent((m) => m.conversationId === onA.id && m.text.includes('下周一学习'));
    const held = await a.db.delivery.findMany({ where: { memberId: { in: [second.id, third.id] }, text: null, broadcast: { text: { contains: '下周一学习' } } } });
    expect(held.map((delivery) => delivery.status)).toEqual(['QUEUED', 'QUEUED']);
  });

  it('records the account a member binds through, and re-links only its own contacts', async () => {
    const [a, b] = await twoAccounts();
    const branch = await seedBranch(a.db, [{ name: '丁' }]);
    const member = branch.members[0]!;
    const contact = b.world.createContact('丁');
    const phoneEnding = member.phone.slice(-4);
    expect(await b.ask(contact, `绑定 ${member.name} ${phoneEnding}`)).toContain('绑定成功');
    expect(await a.db.wechatContact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ memberId: member.id, account: 'account-b' });
    // B writes its remark; A's survey after a login of its own leaves B's member alone.
    await b.world.puppet.logout();
    b.world.login();
    await waitFor(async () => (await a.db.wechatContact.findUniqueOrThrow({ where: { id: contact.id } })).aliasSetAt !== null);
    await a.world.puppet.logout();
    a.world.login();
    await a.settle();
    expect(await a.db.wechatContact.findUnique({ where: { id: contact.id } })).toMatchObject({ memberId: member.id, account: 'account-b' });
  });
});
