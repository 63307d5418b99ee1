import type { Db } from '../../db/client.ts';
import { formatActivityTime } from './activity-text.ts';
import { createBroadcastDeliveries } from '../broadcasts/create-broadcast-deliveries.ts';
import { canManageOrganization } from '../shared/organization-scope.ts';
import { isRowId } from '../shared/row-id.ts';
import type { SenderMember } from '../shared/sender.ts';

export type CancelActivityResult =
  | { outcome: 'not-found' }
  | { outcome: 'forbidden' }
  | { outcome: 'not-open' }
  | { outcome: 'cancelled'; title: string; deliveryIds: number[] };

/**
 * 取消活动: the activity closes (pending invitations and reminders stop: the outbox drops them)
 * and those who said 报名 are told. Their message does not count toward the daily cap.
 */
export async function cancelActivity(
  db: Db,
  options: { activityId: number; secretary: SenderMember; now: Date; timeZone: string },
): Promise<CancelActivityResult> {
  const { activityId, secretary, now, timeZone } = options;
  if (!isRowId(activityId)) return { outcome: 'not-found' };
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { title: true, startsAt: true, status: true, organizationId: true, organization: { select: { path: true } } },
  });
  if (!activity) return { outcome: 'not-found' };
  if (!canManageOrganization(secretary, activity.organization.path)) return { outcome: 'forbidden' };
  const { count } = await db.activity.updateMany({ where: { id: activityId, status: 'OPEN' }, data: { status: 'CANCELLED', cancelledAt: now } });
  if (count === 0) return { outcome: 'not-open' };
  const broadcast = await db.broadcast.create({
    data: {
      kind: 'CANCELLATION',
      status: 'CONFIRMED',
      organizationId: activity.organizationId,
      activityId,
      text: `【活动取消】原定${formatActivityTime(activity.startsAt, timeZone)}举行的「${activity.title}」已取消，给您带来不便，敬请谅解。`,
      createdById: secretary.id,
      confirmedAt: now,
    },
    select: { id: true },
  });
  const deliveryIds = await createBroadcastDeliveries(db, { broadcastId: broadcast.id, audience: 'rsvp-yes', capped: false });
  return { outcome: 'cancelled', title: activity.title, deliveryIds };
}
