import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranch, seedBranchWithPeople } from './support/seed.ts';
import { queueNotice } from './support/queue-notice.ts';
import { waitFor } from './support/wait-for.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** A bound member whose contact carries the bot's remark (written after the next login). */
async function oneMarkedMember() {
  h = await startHarness({ RESUME_COOLDOWN_MINUTES: '0' });
  const { members, secretary } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
  const member = members[0]!;
  await h.world.puppet.logout();
  h.world.login();
  await waitFor(async () => (await h.db.wechatContact.findUniqueOrThrow({ where: { id: member.contact.id } })).aliasSetAt !== null);
  return { member, secretary };
}

/** After a login, two contacts carry the marked member's remark: the secretary is asked (待确认) which is theirs. */
async function remarkOnTwoContacts() {
  const { member, secretary } = await oneMarkedMember();
  const remark = (await h.db.wechatContact.findUniqueOrThrow({ where: { id: member.contact.id } })).alias!;
  // Someone copied the remark onto another contact by hand: the bot cannot tell them apart.
  const { contacts } = await h.world.relogin({
    whileLoggedOut: async () => void h.world.mocker.createContact({ name: '家属', alias: remark }),
  });
  const secretaryAgain = contacts.get(secretary.id)!;
  const memberAgain = contacts.get(member.contact.id)!;
  const question = await h.waitForSent((m) => m.conversationId === secretaryAgain.id && m.text.includes('待确认'));
  const id = /待确认 (\d+)/.exec(question.text)![1];
  const choice = question.text.split('\n').find((line) => line.endsWith(memberAgain.payload.name))!.split('.')[0];
  return { member, remark, secretaryAgain, memberAgain, question, id, choice };
}

describe('a login that changes every contact and room id', () => {
  it('carries bindings, group links, check-ins, 报名 and queued deliveries over; nobody binds again', async () => {
    h = await startHarness({ RESUME_COOLDOWN_MINUTES: '0' });
    const { secretary, secretaryRow, members, room } = await seedBranchWithPeople(h, 2);
    const [first, second] = members as [(typeof members)[0], (typeof members)[0]];

    // After the next login the bot writes its remarks on the bound contacts, paced.
    await h.world.puppet.logout();
    h.world.login();
    await waitFor(async () => (await h.db.wechatContact.count({ where: { memberId: { not: null }, aliasSetAt: { not: null }, id: { in: [secretary.id, first.contact.id, second.contact.id] } } })) === 3);
    const remark = (await h.world.puppet.contactPayload(first.contact.id)).alias;
    expect(remark).toBe((await h.db.wechatContact.findUniqueOrThrow({ where: { id: first.contact.id } })).alias);
    expect(remark).toContain(first.row.name);

    expect(await h.ask(first.contact, '签到')).toContain('签到成功');
    await h.ask(secretary, '活动 支部学习 明天下午3点 社区党群服务中心');
    await h.ask(secretary, '确认');
    await waitFor(() => h.received(first.contact.id).some((message) => message.text.includes('【活动邀请】')));
    expect(await h.ask(first.contact, '报名')).toContain('报名');

    const { contacts, rooms } = await h.world.relogin({
      whileLoggedOut: () => queueNotice(h, secretaryRow.id, '周六上午打扫社区卫生'),
    });
    const firstAgain = contacts.get(first.contact.id)!;
    const secondAgain = contacts.get(second.contact.id)!;
    const roomAgain = rooms.get(room.id)!;
    expect(firstAgain.id).not.toBe(first.contact.id);

    // The notice queued before the login reaches the members at their new ids.
    await waitFor(() => [firstAgain, secondAgain].every((contact) => h.received(contact.id).some((m) => m.text.includes('打扫社区卫生'))));
    // Same member, same day: already checked in; their 报名 is theirs.
    expect(await h.ask(firstAgain, '签到')).toContain('今天已经签到过了');
    expect(await h.ask(firstAgain, '取消报名')).toContain('已取消报名');
    // The group is still the branch's: a check-in there counts and is announced in the room.
    secondAgain.say('签到').to(roomAgain);
    await waitFor(() => h.received(roomAgain.id).some((message) => message.text.includes('签到')));
    expect(await h.db.checkIn.count({ where: { memberId: second.row.id, chatGroupId: roomAgain.id } })).toBe(1);
    const stats = await h.ask(contacts.get(secretary.id)!, '统计');
    expect(stats).not.toContain('绑定');
    expect(h.sent.filter((message) => message.text.includes('您还没有绑定'))).toEqual([]);
  });

  it('gives a stranger with a member’s display name nothing of the member', async () => {
    const { member } = await oneMarkedMember();

    const { contacts } = await h.world.relogin();
    const namesake = h.world.createContact(member.contact.payload.name);
    expect(await h.ask(namesake, '我的')).toContain('您还没有绑定');
    expect(await h.db.wechatContact.findUnique({ where: { id: namesake.id } })).toMatchObject({ memberId: null });
    expect(await h.ask(contacts.get(member.contact.id)!, '我的')).not.toContain('您还没有绑定');
  });

  it('handles what a member sends right after the login as theirs, though the contact list takes a while to read', async () => {
    const { member } = await oneMarkedMember();

    // A real account's contact list takes seconds to read after a login; the member does not wait.
    const puppet = h.world.puppet;
    const readContacts = puppet.contactList.bind(puppet);
    puppet.contactList = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return readContacts();
    };
    const { contacts } = await h.world.relogin();
    const reply = await h.ask(contacts.get(member.contact.id)!, '签到');
    expect(reply).toContain('签到成功');
    expect(await h.db.checkIn.count({ where: { memberId: member.row.id } })).toBe(1);
  });

  it('asks the secretary (待确认) when two contacts carry the member’s remark, and moves the record to the one they pick', async () => {
    const { member, secretaryAgain, memberAgain, question, id, choice } = await remarkOnTwoContacts();
    expect(question.text).toContain(member.row.name);
    expect(await h.db.wechatContact.findUniqueOrThrow({ where: { id: member.contact.id } })).toMatchObject({ memberId: member.row.id });

    expect(await h.ask(secretaryAgain, `确认对应 ${id} 9`)).toContain('序号应为 1 到 2');
    expect(await h.ask(secretaryAgain, `确认对应 ${id} ${choice}`)).toContain('已确认');
    expect(await h.ask(secretaryAgain, `确认对应 ${id} ${choice}`)).toContain('已经确认过了');
    expect(await h.db.wechatContact.findUnique({ where: { id: memberAgain.id } })).toMatchObject({ memberId: member.row.id });
    expect(await h.ask(memberAgain, '我的')).not.toContain('您还没有绑定');
  });
});

describe('remarks at bind time', () => {
  it('writes the remark within a minute of 绑定, so a re-login right after finds the member under the new id', async () => {
    h = await startHarness({ RESUME_COOLDOWN_MINUTES: '0' });
    const { members } = await seedBranch(h.db, [{ name: '李四' }]);
    const row = members[0]!;
    const contact = h.world.createContact('微信昵称');

    expect(await h.ask(contact, `绑定 ${row.name} ${row.phone.slice(-4)}`)).toContain('绑定成功');
    // No login in between: the 30-minute survey has not run, the bind itself queued the remark.
    await waitFor(async () => (await h.db.wechatContact.findUniqueOrThrow({ where: { id: contact.id } })).aliasSetAt !== null, 60_000);
    const remark = (await h.world.puppet.contactPayload(contact.id)).alias;
    expect(remark).toContain(row.name);

    const { contacts } = await h.world.relogin();
    const again = contacts.get(contact.id)!;
    expect(again.id).not.toBe(contact.id);
    expect(await h.ask(again, '签到')).toContain('签到成功');
  }, 120_000);

  it('writes a fresh remark on the contact a secretary picks with 确认对应 (the old one is on two contacts)', async () => {
    const { remark, secretaryAgain, memberAgain, id, choice } = await remarkOnTwoContacts();
    expect(await h.ask(secretaryAgain, `确认对应 ${id} ${choice}`)).toContain('已确认');

    await waitFor(async () => {
      const row = await h.db.wechatContact.findUniqueOrThrow({ where: { id: memberAgain.id } });
      return row.aliasSetAt !== null && row.alias !== remark;
    }, 60_000);
    // Only the member's contact carries the new remark: the next login finds them without asking.
    const { contacts: third } = await h.world.relogin();
    expect(await h.ask(third.get(memberAgain.id)!, '签到')).toContain('签到成功');
  }, 120_000);
});
