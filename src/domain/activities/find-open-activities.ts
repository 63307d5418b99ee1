import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import type { SenderMember } from '../shared/sender.ts';

export interface OpenActivity {
  id: number;
  title: string;
  startsAt: Date;
  place: string;
}

/** Open activities a member is invited to (their organisation is within the activity's, tag matching) that have not started. */
export async function findOpenActivities(db: Db, options: { member: SenderMember; now: Date }): Promise<OpenActivity[]> {
  const { member, now } = options;
  const activities = await db.activity.findMany({
    where: { status: 'OPEN', startsAt: { gt: now } },
    select: { id: true, title: true, startsAt: true, place: true, targetTag: true, organization: { select: { path: true } } },
    orderBy: { startsAt: 'asc' },
  });
  return activities
    .filter((activity) => isInvited(member, activity))
    .map(({ id, title, startsAt, place }) => ({ id, title, startsAt, place }));
}

export function isInvited(
  member: Pick<SenderMember, 'organizationPath' | 'tags'>,
  activity: { targetTag: string | null; organization: { path: string } },
): boolean {
  return (
    isWithinOrganization(member.organizationPath, activity.organization.path) &&
    (activity.targetTag === null || member.tags.includes(activity.targetTag))
  );
}
