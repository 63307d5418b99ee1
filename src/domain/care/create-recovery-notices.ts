import type { Db } from '../../db/client.ts';
import { findNearestSecretaries } from '../shared/find-nearest-secretaries.ts';
import { formatCareDay } from './care-text.ts';

/** A 疑似失联 member heard from again. */
export interface RecoveredMember {
  id: number;
  name: string;
  organizationId: number;
  /** When they were heard from. */
  at: Date;
}

/**
 * Tells the secretaries who were alerted about a 疑似失联 member that the member is back in touch:
 * a CARE_ALERT broadcast per recovered member (keyed by member and time heard from, so a retry
 * continues it) with one delivery per secretary of the nearest organisation (own or above) that has
 * an active secretary with a bound WeChat — the member themself aside. Work messages for the
 * secretary: not counted toward their daily cap. Rare (a few a day), so one member at a time.
 * Returns the deliveries to queue.
 */
export async function createRecoveryNotices(
  db: Db,
  options: { recovered: RecoveredMember[]; timeZone: string },
): Promise<number[]> {
  const deliveryIds: number[] = [];
  for (const member of options.recovered) {
    const nearest = await findNearestSecretaries(db, { organizationId: member.organizationId, exceptMemberId: member.id });
    if (!nearest) continue;
    const day = formatCareDay(member.at, member.at, options.timeZone);
    const key = `recovery-${member.id}-${member.at.getTime()}`;
    const broadcast = await db.broadcast.upsert({
      where: { key },
      create: {
        key,
        kind: 'CARE_ALERT',
        status: 'CONFIRMED',
        organizationId: member.organizationId,
        text: `好消息：${member.name}${nearest.below} 已恢复联系（${day} 发来消息），不再列入失联预警。`,
        confirmedAt: member.at,
      },
      update: {},
      select: { id: true },
    });
    await db.delivery.createMany({
      data: nearest.secretaries.map((secretary) => ({
        broadcastId: broadcast.id,
        memberId: secretary.memberId,
        conversationId: secretary.contactId,
        capped: false,
      })),
      skipDuplicates: true,
    });
    const queued = await db.delivery.findMany({ where: { broadcastId: broadcast.id, status: 'QUEUED' }, select: { id: true } });
    deliveryIds.push(...queued.map((delivery) => delivery.id));
  }
  return deliveryIds;
}
