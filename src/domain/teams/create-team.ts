import type { Db } from '../../db/client.ts';

/** 建队: a volunteer team of the secretary's own organisation; a name is used once per organisation. */
export async function createTeam(
  db: Db,
  options: { organizationId: number; name: string; description: string | null },
): Promise<{ outcome: 'created' | 'exists' }> {
  const created = await db.volunteerTeam.createMany({ data: [options], skipDuplicates: true });
  return { outcome: created.count > 0 ? 'created' : 'exists' };
}
