import { afterEach, describe, expect, it } from 'vitest';
import { createBindCode } from '../src/domain/members/bind-code.ts';
import { importRoster } from '../src/roster/import-roster.ts';
import { parseRoster } from '../src/roster/parse-roster.ts';
import { consoleWorldPerTest } from './support/console-client.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';
import { uploadRoster } from './support/upload-roster.ts';

describe('roles change only where the uploader may grant them (issue 17, item 3)', () => {
  const world = consoleWorldPerTest();

  it('a secretary\'s console upload cannot demote the branch admin, change a secretary, or make anyone 管理员', async () => {
    const { client, branch, members } = await world.start();
    const db = world.h.db;
    await db.member.update({ where: { id: members[0]!.row.id }, data: { role: 'ADMIN' } });
    const [admin, member] = [members[0]!.row, members[1]!.row];
    const csv = [
      '姓名,手机号,党组织,角色',
      `${admin.name},${admin.phone},${branch.path},党员`,
      `${member.name},${member.phone},${branch.path},管理员`,
    ].join('\n');
    const response = await uploadRoster(client, csv);
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toMatch(/第 2 行<\/td><td>[^<]*现为管理员，网页上传不能更改书记、管理员的角色/);
    expect(page).toMatch(/第 3 行<\/td><td>网页上传不能设置「管理员」角色/);
    expect(await db.member.findUnique({ where: { id: admin.id }, select: { role: true } })).toEqual({ role: 'ADMIN' });
    expect(await db.member.findUnique({ where: { id: member.id }, select: { role: true } })).toEqual({ role: 'MEMBER' });
  });
});

describe('a member made 书记 has no secretary powers until they bind with a one-time code', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('made 书记 by the operator\'s import while bound: no 后台 link, no secretary command, until 绑定 <code> from the same WeChat', async () => {
    h = await startHarness({ WEB_PORT: String(await (await import('./support/spare-servers.ts')).sparePort()) });
    const { branch, members } = await seedBranchWithPeople(h, 1);
    const { row, contact } = members[0]!;
    const { rows } = parseRoster(`姓名,手机号,党组织,角色\n${row.name},${row.phone},${branch.path},书记\n`);
    await importRoster(h.db, rows);
    expect(await h.db.member.findUnique({ where: { id: row.id }, select: { role: true } })).toEqual({ role: 'SECRETARY' });

    expect(await h.ask(contact, '后台')).toContain('无权限');
    expect(await h.ask(contact, '未签到')).toContain('无权限');
    expect(await h.db.consoleLoginLink.count({ where: { memberId: row.id } })).toBe(0);

    const { code } = await createBindCode(h.db, { memberId: row.id, now: new Date() });
    expect(await h.ask(contact, `绑定 ${code}`)).toContain('绑定成功');
    expect(await h.ask(contact, '后台')).toMatch(/\/login\?token=/);
    // The WeChat is still the member's: confirming the role released nobody.
    expect(await h.db.wechatContact.findUnique({ where: { id: contact.id }, select: { memberId: true } })).toEqual({ memberId: row.id });
  });

  it('a member uploaded as 书记 gets no console link before binding with a code, even if bound by hand earlier', async () => {
    h = await startHarness();
    const { branch, members } = await seedBranchWithPeople(h, 1);
    const { row, contact } = members[0]!;
    // Demoted and promoted again by imports: still pending until a code.
    for (const role of ['党员', '书记']) {
      await importRoster(h.db, parseRoster(`姓名,手机号,党组织,角色\n${row.name},${row.phone},${branch.path},${role}\n`).rows);
    }
    expect(await h.ask(contact, '活动 明天下午3点 支部学习')).toContain('无权限');
  });
});
