import type { Db } from '../db/client.ts';
import type { Role } from '../generated/prisma/client.ts';

export const demoOrganizationPath = '演示区/祁连路社区/流动党员支部';

/** The simulator's people. `bound: false` leaves one to try 「绑定 陈新 0005」 with. */
export const demoPeople: { name: string; phone: string; role: Role; bound: boolean }[] = [
  { name: '刘建国', phone: '13800000001', role: 'SECRETARY', bound: true },
  { name: '张三', phone: '13800000002', role: 'MEMBER', bound: true },
  { name: '李四', phone: '13800000003', role: 'MEMBER', bound: true },
  { name: '王芳', phone: '13800000004', role: 'MEMBER', bound: true },
  { name: '陈新', phone: '13800000005', role: 'MEMBER', bound: false },
];

/** Creates the demo organisation tree and members (again and again without duplicates). */
export async function seedDemoRoster(db: Db): Promise<{ organizationId: number; memberIds: Map<string, number> }> {
  let parentId: number | null = null;
  let organizationId = 0;
  const segments = demoOrganizationPath.split('/');
  for (let depth = 1; depth <= segments.length; depth += 1) {
    const path = segments.slice(0, depth).join('/');
    const organization: { id: number } = await db.organization.upsert({
      where: { path },
      create: { path, name: segments[depth - 1]!, parentId },
      update: {},
      select: { id: true },
    });
    parentId = organization.id;
    organizationId = organization.id;
  }
  const memberIds = new Map<string, number>();
  for (const person of demoPeople) {
    const member = await db.member.upsert({
      where: { phone: person.phone },
      create: { name: person.name, phone: person.phone, role: person.role, organizationId },
      update: {},
      select: { id: true },
    });
    memberIds.set(person.name, member.id);
  }
  return { organizationId, memberIds };
}
