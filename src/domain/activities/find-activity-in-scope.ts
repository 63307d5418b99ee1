import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import type { ActivityListRow } from './list-activities.ts';

export type ActivityInScope = Pick<ActivityListRow, 'id' | 'title' | 'startsAt' | 'place' | 'status' | 'organizationPath'>;

/** An activity of the organisation at `scopePath` or below; null for another organisation's, as for one that does not exist. */
export async function findActivityInScope(db: Db, options: { activityId: number; scopePath: string }): Promise<ActivityInScope | null> {
  const activity = await db.activity.findUnique({
    where: { id: options.activityId },
    select: { id: true, title: true, startsAt: true, place: true, status: true, organization: { select: { path: true } } },
  });
  if (!activity || !isWithinOrganization(activity.organization.path, options.scopePath)) return null;
  const { organization, ...rest } = activity;
  return { ...rest, organizationPath: organization.path };
}
