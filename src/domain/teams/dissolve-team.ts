import type { Db } from '../../db/client.ts';

/**
 * 解散: removes a team of the secretary's own organisation, and the membership of its members
 * (the organisation and below) — unless another team of that name is still open to them (one of
 * an organisation above theirs). Past attendance and hours stay.
 */
export async function dissolveTeam(db: Db, options: { organizationId: number; name: string }): Promise<{ outcome: 'dissolved' | 'not-found'; members: number }> {
  const { organizationId, name } = options;
  return db.$transaction(async (tx) => {
    const team = await tx.volunteerTeam.findUnique({ where: { organizationId_name: { organizationId, name } }, select: { id: true, organization: { select: { path: true } } } });
    if (!team) return { outcome: 'not-found' as const, members: 0 };
    await tx.volunteerTeam.delete({ where: { id: team.id } });
    const path = team.organization.path;
    const members = await tx.$executeRaw`
      UPDATE "Member" m SET tags = array_remove(m.tags, ${name})
      FROM "Organization" mo
      WHERE mo.id = m."organizationId" AND ${name} = ANY (m.tags)
        AND (mo.path = ${path} OR starts_with(mo.path, ${`${path}/`}))
        AND NOT EXISTS (
          SELECT 1 FROM "VolunteerTeam" t JOIN "Organization" o ON o.id = t."organizationId"
          WHERE t.name = ${name} AND starts_with(mo.path || '/', o.path || '/'))`;
    return { outcome: 'dissolved' as const, members };
  });
}
