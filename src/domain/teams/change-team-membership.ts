import type { Db } from '../../db/client.ts';
import type { SenderMember } from '../shared/sender.ts';
import { listOpenTeams } from './list-open-teams.ts';

export type MembershipOutcome = 'joined' | 'left' | 'already' | 'not-member' | 'unknown-team';

/**
 * 加入 / 退出: a member joins or leaves a team open to them (see listOpenTeams). Membership is the
 * team's name among the member's tags, the target set 活动@队名 invites.
 */
export async function changeTeamMembership(
  db: Db,
  options: { member: Pick<SenderMember, 'id' | 'organizationPath'>; name: string; join: boolean },
): Promise<MembershipOutcome> {
  const { member, name, join } = options;
  const open = await listOpenTeams(db, { organizationPath: member.organizationPath });
  if (!open.some((team) => team.name === name)) return 'unknown-team';
  // One statement that reads and writes the row: two 加入 in one batch change it once.
  const changed = join
    ? await db.$executeRaw`UPDATE "Member" SET tags = array_append(tags, ${name}) WHERE id = ${member.id} AND NOT (${name} = ANY (tags))`
    : await db.$executeRaw`UPDATE "Member" SET tags = array_remove(tags, ${name}) WHERE id = ${member.id} AND ${name} = ANY (tags)`;
  if (changed > 0) return join ? 'joined' : 'left';
  return join ? 'already' : 'not-member';
}
