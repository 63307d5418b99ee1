import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBindCode } from '../src/domain/members/bind-code.ts';
import { importRoster } from '../src/roster/import-roster.ts';
import { parseRoster } from '../src/roster/parse-roster.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup, seedBranch, seedBranchWithPeople } from './support/seed.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

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

    expect(await ask(contact, `绑定 ${member.name} ${wrongDigits}`)).toContain('没有找到');
    expect(await ask(contact, '绑定 无此人 1234')).toContain('没有找到');
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
    // A member bound elsewhere gets the answer of a wrong guess: it must not confirm that name and digits match.
    expect(await ask(second, `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`)).toContain('没有找到');

    expect((await h.db.wechatContact.findUnique({ where: { id: second.id } }))?.memberId).toBeNull();
    expect((await h.db.wechatContact.findUnique({ where: { id: first.id } }))?.memberId).toBe(zhang.id);
  });

  it('answers a 绑定 sent in a group in a direct chat; the group is only told to bind by direct chat', async () => {
    const { members } = await seedBranch(h.db, [{ name: '张三' }]);
    const member = members[0]!;
    const contact = h.world.createContact('张三');
    const room = h.world.createRoom('流动党员群', [contact]);

    contact.say(`绑定 ${member.name} ${member.phone.slice(-4)}`).to(room);

    const direct = await h.waitForSent((m) => m.conversationId === contact.id);
    expect(direct.text).toContain('绑定成功');
    await h.settle();
    const inGroup = h.received(room.id).map((m) => m.text);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]).toContain('私聊');
    expect(inGroup[0]).not.toContain(member.name);
    expect(inGroup[0]).not.toContain('绑定成功');
    expect((await h.db.wechatContact.findUnique({ where: { id: contact.id } }))?.memberId).toBe(member.id);
  });

  it('refuses after 5 failed binds in 24 h, alike whether the name exists; the count survives a restart', async () => {
    const { members } = await seedBranch(h.db, [{ name: '张三' }]);
    const member = members[0]!;
    const right = member.phone.slice(-4);
    const wrong = right === '0000' ? '1111' : '0000';
    const stranger = h.world.createContact('陌生人');

    const failures = [
      await ask(stranger, `绑定 ${member.name} ${wrong}`),
      await ask(stranger, `绑定 无此人 ${right}`),
      await ask(stranger, `绑定 ${member.name} ${wrong}`),
      await ask(stranger, `绑定 无此人 ${wrong}`),
      await ask(stranger, `绑定 ${member.name} ${wrong}`),
    ];
    expect(new Set(failures).size).toBe(1);
    expect(failures[0]).not.toContain(member.name);

    const databaseUrl = h.config.DATABASE_URL;
    await h.stop();
    h = await startHarness({ DATABASE_URL: databaseUrl });
    const sameStranger = h.world.createContact('陌生人', stranger.id);
    const refusal = await ask(sameStranger, `绑定 ${member.name} ${right}`);
    expect(refusal).toContain('24 小时');
    expect(await ask(sameStranger, `绑定 无此人 ${right}`)).toBe(refusal);
    expect((await h.db.wechatContact.findUnique({ where: { id: stranger.id } }))?.memberId).toBeNull();

    // A one-time code from an admin still binds: it cannot be guessed.
    const { members: [other] } = await seedBranch(h.db, [{ name: '王五' }]);
    const { code } = await createBindCode(h.db, { memberId: other!.id, now: new Date() });
    expect(await ask(sameStranger, 'ABCD2345' === code ? '绑定 ABCD2346' : '绑定 ABCD2345')).toBe(refusal);
    expect(await ask(sameStranger, `绑定 ${code}`)).toContain('绑定成功');
    await h.db.wechatContact.update({ where: { id: stranger.id }, data: { memberId: null } });

    // A day later the contact may try again.
    await h.db.bindFailure.updateMany({ where: { contactId: stranger.id }, data: { at: new Date(Date.now() - 25 * 3600_000) } });
    expect(await ask(sameStranger, `绑定 ${member.name} ${right}`)).toContain('绑定成功');
  });

  it('tells the secretaries of the branch when one of their members is bound', async () => {
    const { secretary, unbound } = await seedBranchWithPeople(h, 0, { unbound: 1 });
    const member = unbound[0]!;
    const contact = h.world.createContact('新微信');

    expect(await ask(contact, `绑定 ${member.name} ${member.phone.slice(-4)}`)).toContain('绑定成功');

    const notice = await h.waitForSent((m) => m.conversationId === secretary.id);
    expect(notice.text).toContain(member.name);
    expect(notice.text).toContain('解绑');
  });

  it('secretaries and admins bind only with a one-time code: from npm run bind-code, or an admin\'s 绑定码', async () => {
    const branch = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }, { name: '管理员', role: 'ADMIN' }]);
    const [secretary, admin] = branch.members as [(typeof branch.members)[0], (typeof branch.members)[0]];
    const secretaryContact = h.world.createContact('书记');

    expect(await ask(secretaryContact, `绑定 ${secretary.name} ${secretary.phone.slice(-4)}`)).toContain('绑定码');
    expect((await h.db.wechatContact.findUnique({ where: { id: secretaryContact.id } }))?.memberId).toBeNull();

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/bind-code.ts', admin.phone], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL },
    });
    const adminCode = /\b([A-Z0-9]{8})\b/.exec(stdout)?.[1];
    expect(adminCode, stdout).toBeDefined();
    expect(stdout).toContain(admin.name);
    const stored = await h.db.bindCode.findMany({ where: { memberId: admin.id } });
    expect(stored.map((code) => code.codeHash)).not.toContain(adminCode);

    const adminContact = h.world.createContact('管理员');
    expect(await ask(adminContact, `绑定 ${adminCode!.toLowerCase()}`)).toContain('绑定成功');
    expect((await h.db.wechatContact.findUnique({ where: { id: adminContact.id } }))?.memberId).toBe(admin.id);

    const codeReply = await ask(adminContact, `绑定码 ${secretary.name}`);
    const secretaryCode = /\b([A-Z0-9]{8})\b/.exec(codeReply)?.[1];
    expect(secretaryCode, codeReply).toBeDefined();
    expect(await ask(secretaryContact, `绑定 ${secretaryCode}`)).toContain('绑定成功');
    expect((await h.db.wechatContact.findUnique({ where: { id: secretaryContact.id } }))?.memberId).toBe(secretary.id);

    // Once only.
    const other = h.world.createContact('别人');
    expect(await ask(other, `绑定 ${secretaryCode}`)).not.toContain('绑定成功');
    expect((await h.db.wechatContact.findUnique({ where: { id: other.id } }))?.memberId).toBeNull();

    // A new code moves the binding to a new WeChat; the old one is told.
    const { code: movingCode } = await createBindCode(h.db, { memberId: secretary.id, now: new Date() });
    const newPhone = h.world.createContact('书记的新微信');
    expect(await ask(newPhone, `绑定 ${movingCode}`)).toContain('绑定成功');
    expect((await h.waitForSent((m) => m.conversationId === secretaryContact.id && m.text.includes('解除'))).text).toContain(secretary.name);
    expect((await h.db.wechatContact.findUnique({ where: { id: secretaryContact.id } }))?.memberId).toBeNull();
  });

  it('解绑: a secretary frees a member, who is told in the old chat and can bind again', async () => {
    const { secretary, members } = await seedBranchWithPeople(h, 1);
    const { row, contact: hijacker } = members[0]!;

    expect(await ask(secretary, `解绑 ${row.name}`)).toContain('已解除');
    const told = await h.waitForSent((m) => m.conversationId === hijacker.id);
    expect(told.text).toContain('解除');
    expect((await h.db.wechatContact.findUnique({ where: { id: hijacker.id } }))?.memberId).toBeNull();

    const realMember = h.world.createContact('本人');
    expect(await ask(realMember, `绑定 ${row.name} ${row.phone.slice(-4)}`)).toContain('绑定成功');
    await h.waitForSent((m) => m.conversationId === secretary.id && m.text.includes('绑定提醒'));
    expect(await ask(secretary, `解绑 ${row.name}无此人`)).toContain('没有');
  });

  it('binds a name with an inner space, typed with or without the space', async () => {
    const { members } = await seedBranch(h.db, [{ name: '阿依古丽 买买提' }, { name: '热依拉 阿不都' }]);
    const [withSpace, withoutSpace] = members as [(typeof members)[0], (typeof members)[0]];

    expect(await ask(h.world.createContact('甲'), `绑定 ${withSpace.name} ${withSpace.phone.slice(-4)}`)).toContain('绑定成功');
    expect(await ask(h.world.createContact('乙'), `绑定 ${withoutSpace.name.replace(' ', '')} ${withoutSpace.phone.slice(-4)}`)).toContain(
      '绑定成功',
    );
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

  it('换号: moves the record to the new phone, binding kept, so a re-import updates it instead of adding a second', async () => {
    const { secretary, members, branch } = await seedBranchWithPeople(h, 1);
    const { row, contact } = members[0]!;
    const newPhone = `1${String(Date.now()).slice(-10)}`;

    expect(await h.ask(secretary, `换号 ${row.name} ${newPhone}`)).toContain(`尾号 ${newPhone.slice(-4)}`);

    const moved = await h.db.member.findUniqueOrThrow({ where: { id: row.id }, select: { phone: true, contact: { select: { id: true } } } });
    expect(moved).toEqual({ phone: newPhone, contact: { id: contact.id } });
    const { rows } = parseRoster(`姓名,手机号,党组织,角色\n${row.name},${newPhone},${branch.path},党员\n`);
    expect((await importRoster(h.db, rows)).created).toBe(0);
    expect(await h.db.member.count({ where: { name: row.name } })).toBe(1);
    expect(await h.ask(contact, '我的')).toContain(row.name);

    // A phone already on the roster is not taken over.
    const other = await h.db.member.create({ data: { name: '别人', phone: `1${String(Date.now() + 1).slice(-10)}`, organizationId: branch.organizationId } });
    expect(await h.ask(secretary, `换号 ${row.name} ${other.phone}`)).toContain('已在名册');
    expect((await h.db.member.findUniqueOrThrow({ where: { id: row.id } })).phone).toBe(newPhone);
  });

  it('绑定本群: a secretary of another branch cannot take over a group already linked to this one', async () => {
    const ours = await seedBranch(h.db, [{ name: '党员' }]);
    const theirs = await seedBranch(h.db, [{ name: '别的书记', role: 'SECRETARY' }]);
    const contact = h.world.createContact('别的书记');
    await bindDirectly(h.db, contact.id, theirs.members[0]!.id);
    const room = h.world.createRoom('我们的群', [contact]);
    await linkGroup(h.db, room.id, ours.organizationId);

    contact.say(`绑定本群 ${theirs.path}`).to(room);

    expect((await h.waitForSent((m) => m.conversationId === room.id)).text).toContain('无权限');
    expect((await h.db.chatGroup.findUnique({ where: { id: room.id } }))?.organizationId).toBe(ours.organizationId);
  });
});
