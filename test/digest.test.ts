import { afterEach, describe, expect, it } from 'vitest';
import { weeklyDigest } from '../jobs/digest.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranch, type SeededMember } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

describe('weekly digest', () => {
  it('sends each secretary one digest of their organisation, once per run', async () => {
    h = await startHarness();
    const branch = await seedBranch(h.db, [
      { name: '书记', role: 'SECRETARY' },
      { name: '甲' },
      { name: '乙' },
      { name: '丙' },
      { name: '丁' },
    ]);
    const [secretaryRow, a, b, c] = branch.members as [SeededMember, SeededMember, SeededMember, SeededMember];
    const secretary = h.world.createContact('书记');
    await bindDirectly(h.db, secretary.id, secretaryRow.id);
    const contacts = [];
    for (const member of [a, b, c]) {
      const contact = h.world.createContact(member.name);
      await bindDirectly(h.db, contact.id, member.id);
      contacts.push(contact);
    }
    const now = new Date();
    // 甲 checked in yesterday (and makes a suggestion below); 乙 is long silent; 丙 is 疑似失联; 丁 never bound WeChat.
    await h.db.checkIn.create({ data: { memberId: a.id, day: new Date(now.getTime() - 86_400_000), at: new Date(now.getTime() - 86_400_000), messageId: 'x' } });
    await h.db.member.update({ where: { id: a.id }, data: { lastActiveAt: now } });
    await h.db.member.update({ where: { id: b.id }, data: { lastActiveAt: new Date(now.getTime() - 20 * 86_400_000) } });
    await h.db.member.update({ where: { id: c.id }, data: { status: 'LOST_CONTACT' } });
    const activity = await h.db.activity.create({
      data: { organizationId: branch.organizationId, title: '主题党日', startsAt: new Date(now.getTime() + 3 * 86_400_000), place: '社区', status: 'OPEN', createdById: secretaryRow.id },
    });
    await h.db.rsvp.create({ data: { activityId: activity.id, memberId: a.id, status: 'YES', answeredAt: now } });

    expect(await h.ask(contacts[0]!, '建议 周末开放党群服务中心的自习室')).toContain('谢谢您的建议');
    expect(await h.ask(contacts[0]!, '建议')).toContain('请在「建议」后面写上');
    const context = h.plugin.assistant!.jobContext;
    await weeklyDigest.run(context, now);
    await weeklyDigest.run(context, now); // a retried run
    await h.settle();

    const digests = h.sent.filter((m) => m.conversationId === secretary.id && m.text.startsWith('📋 每周简报'));
    expect(digests).toHaveLength(1);
    const text = digests[0]!.text;
    expect(text).toContain(branch.path);
    expect(text).toContain('过去 7 天 1/4 人签到（25%）'); // the members, not the secretary who leads them (issue 16)
    expect(text).toContain('主题党日（编号');
    expect(text).toContain('已报名 1 人');
    expect(text).toMatch(/1 人较长时间没有动态/); // 乙 (丁 and the others were added just now)
    expect(text).toContain('1 人疑似失联');
    expect(text).toContain('1 人未绑定微信');
    expect(text).toContain(`建言献策：本周 1 条：\n  · ${a.name}：周末开放党群服务中心的自习室`);
    // Members get no digest.
    expect(h.sent.filter((m) => m.conversationId !== secretary.id && m.text.startsWith('📋'))).toHaveLength(0);
  });
});
