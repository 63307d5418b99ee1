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
  /** Reached by a secretary or contact person (走访), rather than heard from: who and how (电话 …). */
  reachedBy?: { memberId: number; name: string; how: string };
}

/**
 * Tells the secretaries who were alerted about a 疑似失联 member that the member is back in touch:
 * a CARE_ALERT broadcast per recovered member (keyed by member and time heard from, so a retry
 * continues it) with one delivery per secretary of the nearest organisation (own or above) that has
 * an active secretary with a bound WeChat — the member themself aside — and one to the member's contact
 * person (结对联系) when they have a bound WeChat. Work messages for the
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
    const readers = [...(nearest?.secretaries ?? []), ...(await contactPersonOf(db, member.id))].filter(
      (reader) => reader.memberId !== member.reachedBy?.memberId,
    );
    if (readers.length === 0) continue;
    const day = formatCareDay(member.at, member.at, options.timeZone);
    const key = `recovery-${member.id}-${member.at.getTime()}`;
    const broadcast = await db.broadcast.upsert({
      where: { key },
      create: {
        key,
        kind: 'CARE_ALERT',
        status: 'CONFIRMED',
        organizationId: member.organizationId,
        text: member.reachedBy
          ? `好消息：${member.name}${nearest?.below ?? ''} 已由${member.reachedBy.name}${member.reachedBy.how}联系上（${day}），不再列入失联预警。`
          : `好消息：${member.name}${nearest?.below ?? ''} 已恢复联系（${day} 发来消息），不再列入失联预警。`,
        confirmedAt: member.at,
      },
      update: {},
      select: { id: true },
    });
    await db.delivery.createMany({
      data: readers.map((secretary) => ({
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

/** The member's contact person (结对联系) with their bound WeChat, if any. */
async function contactPersonOf(db: Db, memberId: number): Promise<{ memberId: number; contactId: string }[]> {
  const row = await db.member.findUnique({
    where: { id: memberId },
    select: { contactPerson: { select: { id: true, contact: { select: { id: true } } } } },
  });
  const contactPerson = row?.contactPerson;
  return contactPerson?.contact ? [{ memberId: contactPerson.id, contactId: contactPerson.contact.id }] : [];
}
