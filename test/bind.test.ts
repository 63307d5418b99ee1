import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup, seedBranch } from './support/seed.ts';

describe('绑定 and 绑定本群', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  const ask = (contact: Parameters<Harness['ask']>[0], text: string) => h.ask(contact, text);

  it('binds a contact by name and the last four digits of the phone, then 签到 works', async () => {
    const { members } = await seedBranch(h.db, [{ name: '张三' }]);
    const member = members[0]!;
    const contact = h.world.createContact('微信昵称');

    const reply = await ask(contact, `绑定 ${member.name} ${member.phone.slice(-4)}`);

    expect(reply).toContain('绑定成功');
    const row = await h.db.wechatContact.findUnique({ where: { id: contact.id } });
    expect(row?.memberId).toBe(member.id);
    expect(await ask(contact, '签到')).toContain('签到成功');
  });

  it('links nothing for an unknown name or wrong digits, and says so', async () => {
    const { members } = await seedBranch(h.db, [{ name: '张三' }]);
    const member = members[0]!;
    const contact = h.world.createContact('路人');
    const wrongDigits = member.phone.slice(-4) === '0000' ? '1111' : '0000';

    expect(await ask(contact, `绑定 ${member.name} ${wrongDigits}`)).toContain('没有在党员名册中找到');
    expect(await ask(contact, '绑定 无此人 1234')).toContain('没有在党员名册中找到');
    expect(await ask(contact, '绑定 张三')).toContain('绑定 姓名 手机号后四位');
    expect((await h.db.wechatContact.findUnique({ where: { id: contact.id } }))?.memberId).toBeNull();
  });

  it('refuses an ambiguous match (same name, same last four digits)', async () => {
    const { members, organizationId } = await seedBranch(h.db, [{ name: '王芳' }]);
    const original = members[0]!;
    const otherDigit = original.phone[3] === '9' ? '8' : '9';
    const twinPhone = `${original.phone.slice(0, 3)}${otherDigit}${original.phone.slice(4)}`;
    await h.db.member.create({ data: { name: original.name, phone: twinPhone, organizationId } });
    const contact = h.world.createContact('王芳');

    expect(await ask(contact, `绑定 ${original.name} ${original.phone.slice(-4)}`)).toContain('多位党员');
    expect((await h.db.wechatContact.findUnique({ where: { id: contact.id } }))?.memberId).toBeNull();
  });

  it('keeps one contact ↔ one member', async () => {
    const { members } = await seedBranch(h.db, [{ name: '张三' }, { name: '李四' }]);
    const [zhang, li] = members as [(typeof members)[0], (typeof members)[0]];
    const first = h.world.createContact('张三的微信');
    const second = h.world.createContact('另一个微信');
    await bindDirectly(h.db, first.id, zhang.id);

    expect(await ask(first, `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`)).toContain('无需重复绑定');
    expect(await ask(first, `绑定 ${li.name} ${li.phone.slice(-4)}`)).toContain(`已绑定${zhang.name}`);
    expect(await ask(second, `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`)).toContain('已绑定其他微信');

    expect((await h.db.wechatContact.findUnique({ where: { id: second.id } }))?.memberId).toBeNull();
    expect((await h.db.wechatContact.findUnique({ where: { id: first.id } }))?.memberId).toBe(zhang.id);
  });

  it('binds in a group chat too, answering in the group', async () => {
    const { members } = await seedBranch(h.db, [{ name: '张三' }]);
    const member = members[0]!;
    const contact = h.world.createContact('张三');
    const room = h.world.createRoom('流动党员群', [contact]);

    contact.say(`绑定 ${member.name} ${member.phone.slice(-4)}`).to(room);

    const reply = await h.waitForSent((m) => m.conversationId === room.id);
    expect(reply.text).toContain('绑定成功');
    expect((await h.db.wechatContact.findUnique({ where: { id: contact.id } }))?.memberId).toBe(member.id);
  });

  it('绑定本群: a secretary links the group to their branch; a member may not', async () => {
    const branch = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }, { name: '党员' }]);
    const [secretary, member] = branch.members as [(typeof branch.members)[0], (typeof branch.members)[0]];
    const secretaryContact = h.world.createContact('书记');
    const memberContact = h.world.createContact('党员');
    await bindDirectly(h.db, secretaryContact.id, secretary.id);
    await bindDirectly(h.db, memberContact.id, member.id);
    const room = h.world.createRoom('支部群', [secretaryContact, memberContact]);

    memberContact.say(`绑定本群 ${branch.path}`).to(room);
    expect((await h.waitForSent((m) => m.conversationId === room.id)).text).toContain('无权限');
    expect(await h.db.chatGroup.findUnique({ where: { id: room.id } })).toBeNull();

    secretaryContact.say(`绑定本群 ${branch.path}`).to(room);
    await h.waitForSent((m) => m.text.includes('本群已关联'));
    expect((await h.db.chatGroup.findUnique({ where: { id: room.id } }))?.organizationId).toBe(branch.organizationId);
  });

  it('绑定本群: a secretary of another branch may not link a group to this one', async () => {
    const ours = await seedBranch(h.db, [{ name: '党员' }]);
    const theirs = await seedBranch(h.db, [{ name: '别的书记', role: 'SECRETARY' }]);
    const contact = h.world.createContact('别的书记');
    await bindDirectly(h.db, contact.id, theirs.members[0]!.id);
    const room = h.world.createRoom('支部群', [contact]);
    await linkGroup(h.db, room.id, theirs.organizationId);

    contact.say(`绑定本群 ${ours.path}`).to(room);

    expect((await h.waitForSent((m) => m.conversationId === room.id)).text).toContain('无权限');
    expect((await h.db.chatGroup.findUnique({ where: { id: room.id } }))?.organizationId).toBe(theirs.organizationId);
  });
});
