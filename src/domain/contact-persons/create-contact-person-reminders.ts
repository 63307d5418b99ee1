import type { Db } from '../../db/client.ts';
import { careReadersSql, careTargetOfMemberSql, careTargetsSql } from '../care/care-recipients.ts';
import { nameList } from '../shared/name-list.ts';
import { localDay } from '../shared/local-day.ts';

interface ReminderRow {
  recipient_id: number;
  contact_id: string;
  organization_id: number;
  /** Null when the reminder is the contact person's own; else the contact person it stands in for… */
  carer_name: string | null;
  /** …and why they cannot be reached. */
  carer_lost: boolean;
  names: string[];
}

/**
 * The contact persons' reminder (结对联系): each contact person with a bound WeChat whose members
 * include some they have recorded no 走访 for in `days` days gets one message naming them. A contact
 * person the bot cannot reach — no bound WeChat (or unfollowed), or 疑似失联 — is no one to remind:
 * the reminder about their members goes to the nearest reachable secretaries of each member (as the
 * 疑似失联 alert does), so it always reaches someone. Members on leave are left out. One broadcast per
 * day (key contact-reminder-<day>), one message per recipient; a work message, not counted toward
 * the daily cap. Idempotent for the same `now`. One statement over the roster. Returns the deliveries still to send.
 */
export async function createContactPersonReminders(
  db: Db,
  options: { now: Date; days: number; timeZone: string },
): Promise<{ reminded: number; deliveryIds: number[] }> {
  const { now, days } = options;
  const key = `contact-reminder-${localDay(now, options.timeZone)}`;
  const since = new Date(now.getTime() - days * 24 * 3600_000);
  const rows = await db.$queryRaw<ReminderRow[]>`
    WITH RECURSIVE readers AS (${careReadersSql}), targets AS (${careTargetsSql}),
    due AS (
      SELECT m.id, m.name, m.role, m."organizationId", c.id AS carer_id, c.name AS carer_name, c."organizationId" AS carer_org,
        c.status = 'LOST_CONTACT' AS carer_lost,
        (SELECT w.id FROM "WechatContact" w WHERE w."memberId" = c.id AND w."unreachableAt" IS NULL) AS carer_contact
      FROM "Member" m
      JOIN "Member" c ON c.id = m."contactPersonId"
      WHERE m."contactPersonId" IS NOT NULL
        AND (m."leaveUntil" IS NULL OR m."leaveUntil" <= ${now})
        AND NOT EXISTS (SELECT 1 FROM "CareVisit" v WHERE v."memberId" = m.id AND v."recordedById" = c.id AND v.at > ${since})
    ),
    reminders AS (
      SELECT d.carer_id AS recipient_id, d.carer_contact AS contact_id, d.carer_org AS organization_id,
        NULL::text AS carer_name, false AS carer_lost, d.name, d.id
      FROM due d WHERE d.carer_contact IS NOT NULL AND NOT d.carer_lost
      UNION ALL
      SELECT r.member_id, r.contact_id, r.org_id, d.carer_name, d.carer_lost, d.name, d.id
      FROM due d
      JOIN "Member" m ON m.id = d.id
      JOIN targets t ON t.id = d."organizationId"
      JOIN readers r ON r.org_id = ${careTargetOfMemberSql}
      WHERE (d.carer_contact IS NULL OR d.carer_lost) AND r.member_id <> d.carer_id
    )
    SELECT recipient_id, contact_id, min(organization_id) AS organization_id, carer_name, carer_lost,
      array_agg(name ORDER BY name, id) AS names
    FROM reminders
    GROUP BY recipient_id, contact_id, carer_name, carer_lost
    ORDER BY recipient_id, carer_name NULLS FIRST`;
  const byRecipient = new Map<number, ReminderRow[]>();
  for (const row of rows) {
    const list = byRecipient.get(row.recipient_id);
    if (list) list.push(row);
    else byRecipient.set(row.recipient_id, [row]);
  }
  if (rows.length > 0) {
    const broadcast = await db.broadcast.upsert({
      where: { key },
      create: { key, kind: 'CARE_ALERT', status: 'CONFIRMED', organizationId: rows[0]!.organization_id, text: '结对联系提醒（每位收件人文本不同）', confirmedAt: now },
      update: {},
      select: { id: true },
    });
    await db.delivery.createMany({
      data: [...byRecipient.values()].map((own) => ({
        broadcastId: broadcast.id,
        memberId: own[0]!.recipient_id,
        conversationId: own[0]!.contact_id,
        capped: false,
        text: reminderText(own, days),
      })),
      skipDuplicates: true,
    });
  }
  const queued = await db.$queryRaw<{ id: number }[]>`
    SELECT d.id FROM "Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
    WHERE b.key = ${key} AND d.status = 'QUEUED' ORDER BY d.id`;
  return { reminded: byRecipient.size, deliveryIds: queued.map((row) => row.id) };
}

/** One recipient's reminder: their own members first, then those of contact persons they stand in for. */
function reminderText(rows: ReminderRow[], days: number): string {
  const parts = rows.map((row) =>
    row.carer_name === null
      ? `您结对联系的 ${nameList(row.names, row.names.length)} 已超过 ${days} 天没有联系记录。方便时打个电话或视频问候一下，联系后发送「走访 ${row.names[0]} 电话 情况」记录。`
      : `联系人 ${row.carer_name} ${row.carer_lost ? '疑似失联' : '未绑定微信'}，其结对联系的 ${nameList(row.names, row.names.length)} 已超过 ${days} 天没有联系记录，请安排他人联系或重新「结对」。`,
  );
  return `🤝 结对联系提醒：${parts.join('\n')}`;
}
