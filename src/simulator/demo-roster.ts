import type { Db } from '../db/client.ts';
import type { Role } from '../generated/prisma/client.ts';
import { importRoster } from '../roster/import-roster.ts';

export const demoOrganizationPath = '演示区/祁连路社区/流动党员支部';

/** The simulator's people. `bound: false` leaves one to try 「绑定 陈新 0005」 with. */
export const demoPeople: { name: string; phone: string; role: Role; bound: boolean }[] = [
  { name: '刘建国', phone: '13800000001', role: 'SECRETARY', bound: true },
  { name: '张三', phone: '13800000002', role: 'MEMBER', bound: true },
  { name: '李四', phone: '13800000003', role: 'MEMBER', bound: true },
  { name: '王芳', phone: '13800000004', role: 'MEMBER', bound: true },
  { name: '陈新', phone: '13800000005', role: 'MEMBER', bound: false },
];

/** Imports the demo roster as a secretary's CSV would be; returns the organisation and member ids by name. */
export async function seedDemoRoster(db: Db): Promise<{ organizationId: number; memberIds: Map<string, number> }> {
  await importRoster(
    db,
    demoPeople.map((person, index) => ({ line: index + 2, name: person.name, phone: person.phone, organizationPath: demoOrganizationPath, role: person.role })),
  );
  const phones = demoPeople.map((person) => person.phone);
  // The demo's secretary starts bound, as one who confirmed the role with a one-time code.
  await db.member.updateMany({ where: { phone: { in: phones } }, data: { rolePendingSince: null } });
  const members = await db.member.findMany({
    where: { phone: { in: phones } },
    select: { id: true, name: true, organizationId: true },
  });
  return { organizationId: members[0]!.organizationId, memberIds: new Map(members.map((member) => [member.name, member.id])) };
}
