import type { Db } from '../../db/client.ts';
import { nameList } from '../shared/name-list.ts';
import { localDay } from '../shared/local-day.ts';

/**
 * The contact persons' reminder (结对联系): each contact person with a bound WeChat whose members
 * include some they have recorded no 走访 for in `days` days gets one message naming them. Members on
 * leave are left out. One broadcast per day (key contact-reminder-<day>); a work message, not
 * counted toward the daily cap. Idempotent for the same `now`. Returns the deliveries still to send.
 */
export async function createContactPersonReminders(
  db: Db,
  options: { now: Date; days: number; timeZone: string },
): Promise<{ reminded: number; deliveryIds: number[] }> {
  const { now, days } = options;
  const key = `contact-reminder-${localDay(now, options.timeZone)}`;
  const since = new Date(now.getTime() - days * 24 * 3600_000);
  const rows = await db.$queryRaw<{ contact_person_id: number; contact_id: string; organization_id: number; names: string[] }[]>`
    SELECT c.id AS contact_person_id, w.id AS contact_id, c."organizationId" AS organization_id, array_agg(m.name ORDER BY m.name, m.id) AS names
    FROM "Member" m
    JOIN "Member" c ON c.id = m."contactPersonId"
    JOIN "WechatContact" w ON w."memberId" = c.id
    WHERE m."contactPersonId" IS NOT NULL
      AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})
      AND NOT EXISTS (SELECT 1 FROM "CareVisit" v WHERE v."memberId" = m.id AND v."recordedById" = c.id AND v.at > ${since})
    GROUP BY c.id, w.id
    ORDER BY c.id`;
  if (rows.length > 0) {
    const broadcast = await db.broadcast.upsert({
      where: { key },
      create: { key, kind: 'CARE_ALERT', status: 'CONFIRMED', organizationId: rows[0]!.organization_id, text: '结对联系提醒（每位联系人文本不同）', confirmedAt: now },
      update: {},
      select: { id: true },
    });
    await db.delivery.createMany({
      data: rows.map((row) => ({
        broadcastId: broadcast.id,
        memberId: row.contact_person_id,
        conversationId: row.contact_id,
        capped: false,
        text:
          `🤝 结对联系提醒：您结对联系的 ${nameList(row.names, row.names.length)} 已超过 ${days} 天没有联系记录。` +
          `方便时打个电话或视频问候一下，联系后发送「走访 ${row.names[0]} 电话 情况」记录。`,
      })),
      skipDuplicates: true,
    });
  }
  const queued = await db.$queryRaw<{ id: number }[]>`
    SELECT d.id FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b.key = ${key} AND d.status = 'QUEUED' ORDER BY d.id`;
  return { reminded: rows.length, deliveryIds: queued.map((row) => row.id) };
}
