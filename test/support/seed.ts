import { randomInt } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import type { Role } from '../../src/generated/prisma/client.ts';
import type { ContactMock } from '../../src/simulator/mock-world.ts';
import type { Harness } from './harness.ts';

export interface SeededMember {
  id: number;
  name: string;
  phone: string;
}

/** A fresh branch with members; names and phones are unique per call, as tests share one database. */
export async function seedBranch(
  db: Db,
  members: { name: string; role?: Role }[],
): Promise<{ organizationId: number; path: string; members: SeededMember[] }> {
  const suffix = randomInt(1e9).toString(36);
  const root = await db.organization.create({ data: { name: `测试区${suffix}`, path: `测试区${suffix}` } });
  const branch = await db.organization.create({
    data: { name: '流动党员支部', path: `${root.path}/流动党员支部`, parentId: root.id },
  });
  const created: SeededMember[] = [];
  for (const member of members) {
    const row = await db.member.create({
      data: {
        name: `${member.name}${suffix}`,
        phone: `1${String(randomInt(1e10)).padStart(10, '0')}`,
        role: member.role ?? 'MEMBER',
        organizationId: branch.id,
      },
      select: { id: true, name: true, phone: true },
    });
    created.push(row);
  }
  return { organizationId: branch.id, path: branch.path, members: created };
}

/** Binds a mock contact to a member directly, for tests that are not about binding. */
export async function bindDirectly(db: Db, contactId: string, memberId: number): Promise<void> {
  await db.wechatContact.upsert({
    where: { id: contactId },
    create: { id: contactId, memberId, boundAt: new Date() },
    update: { memberId, boundAt: new Date() },
  });
}

export async function linkGroup(db: Db, roomId: string, organizationId: number): Promise<void> {
  await db.chatGroup.upsert({
    where: { id: roomId },
    create: { id: roomId, organizationId, linkedAt: new Date() },
    update: { organizationId },
  });
}

/**
 * A branch with a secretary (书记) and members (党员1号, 党员2号 …), all bound to mock contacts in
 * the harness's WeChat world; `unbound` more members without WeChat; and a group chat with all of
 * them in it, linked to the branch unless `linkedGroup` is false.
 */
export async function seedBranchWithPeople(
  h: Harness,
  memberCount: number,
  options: { unbound?: number; linkedGroup?: boolean } = {},
) {
  const branch = await seedBranch(h.db, [
    { name: '书记', role: 'SECRETARY' },
    ...Array.from({ length: memberCount + (options.unbound ?? 0) }, (_, i) => ({ name: `党员${i + 1}号` })),
  ]);
  const [secretaryRow, ...memberRows] = branch.members as [SeededMember, ...SeededMember[]];
  const secretary = h.world.createContact('书记');
  await bindDirectly(h.db, secretary.id, secretaryRow.id);
  const members: { row: SeededMember; contact: ContactMock }[] = [];
  for (const row of memberRows.slice(0, memberCount)) {
    const contact = h.world.createContact(row.name);
    await bindDirectly(h.db, contact.id, row.id);
    members.push({ row, contact });
  }
  const room = h.world.createRoom('支部群', [secretary, ...members.map((m) => m.contact)]);
  if (options.linkedGroup !== false) await linkGroup(h.db, room.id, branch.organizationId);
  return { branch, secretary, secretaryRow, members, room, unbound: memberRows.slice(memberCount) };
}
