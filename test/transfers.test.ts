import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranchWithPeople } from './support/seed.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

describe('a transfer ends the old contact person\'s reach (issue 17, item 4)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  /** Branch A with its secretary, contact person 李四 looking after 张三 (with a visit note), and a sibling branch B with its secretary. */
  async function pairedAcrossBranches() {
    const a = await seedBranchWithPeople(h, 2);
    const [li, zhang] = a.members as [(typeof a.members)[0], (typeof a.members)[0]];
    await h.db.member.update({ where: { id: zhang.row.id }, data: { contactPersonId: li.row.id } });
    expect(await h.ask(li.contact, `走访 ${zhang.row.name} 上门 家中欠债，配偶患病`)).toContain('已记录');
    const parentPath = a.branch.path.slice(0, a.branch.path.lastIndexOf('/'));
    const parent = await h.db.organization.findUniqueOrThrow({ where: { path: parentPath } });
    const b = await h.db.organization.create({ data: { name: '二支部', path: `${parentPath}/二支部`, parentId: parent.id } });
    const bSecretary = await h.db.member.create({ data: { name: `二支部书记${b.id}`, phone: `137${String(b.id).padStart(8, '0')}`, role: 'SECRETARY', organizationId: b.id } });
    const bSecretaryContact = h.world.createContact('二支部书记');
    await bindDirectly(h.db, bSecretaryContact.id, bSecretary.id);
    return { a, li, zhang, b, bSecretary };
  }

  it('the operator\'s import moves 张三 to another branch: the pairing ends, both secretaries are told, 李四 reads nothing more', async () => {
    const { a, li, zhang, b, bSecretary } = await pairedAcrossBranches();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'transfer-'));
    const file = path.join(dir, 'roster.csv');
    await fs.writeFile(file, `姓名,手机号,党组织,角色\n${zhang.row.name},${zhang.row.phone},${b.path},党员\n`);
    await promisify(execFile)('npx', ['tsx', 'scripts/import-roster.ts', file], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: h.config.DATABASE_URL } });
    await fs.rm(dir, { recursive: true });

    expect(await h.db.member.findUnique({ where: { id: zhang.row.id }, select: { contactPersonId: true } })).toEqual({ contactPersonId: null });
    const told = await h.db.delivery.findMany({ where: { broadcast: { text: { startsWith: '结对联系已解除' } } }, select: { memberId: true } });
    expect(told.map((delivery) => delivery.memberId).sort()).toEqual([a.secretaryRow.id, bSecretary.id].sort());

    const visits = await h.ask(li.contact, `走访记录 ${zhang.row.name}`);
    expect(visits).not.toContain('家中欠债');
    expect(visits).toContain('无权限');
  }, 90_000);

  it('reach is checked at the time of reading: a pairing left across branches reads and records nothing', async () => {
    const { li, zhang, b } = await pairedAcrossBranches();
    // Moved without the pairing ending (data from before this check, or a move made by hand).
    await h.db.member.update({ where: { id: zhang.row.id }, data: { organizationId: b.id } });
    for (const text of [`走访记录 ${zhang.row.name}`, `去向 ${zhang.row.name}`, `走访 ${zhang.row.name} 电话 在格尔木`]) {
      const reply = await h.ask(li.contact, text);
      expect(reply).not.toContain('家中欠债');
      expect(reply).toContain('无权限');
    }
    expect(await h.db.careVisit.count({ where: { memberId: zhang.row.id } })).toBe(1);
  });
});
