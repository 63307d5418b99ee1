import type { Prisma } from '../../generated/prisma/client.ts';
import { careMemberLine } from '../care/care-text.ts';

interface Row {
  contact_person_id: number;
  contact_id: string;
  name: string;
  path: string;
  last_active_at: Date | null;
  residence: string | null;
  workplace: string | null;
}

/**
 * The 疑似失联 alert for contact persons (结对联系): members the scan at `now` has just reported
 * (careAlertedAt = now) go to their contact person as well, one message per contact person with a
 * bound WeChat listing their members, on a broadcast keyed by `key` (a retried scan adds nothing).
 * Reads the LOST_CONTACT range of the (status, lastActiveAt) index only. Returns the messages written.
 */
export async function createContactPersonAlerts(
  tx: Prisma.TransactionClient,
  options: { now: Date; key: string; organizationId: number; timeZone: string },
): Promise<number> {
  const { now, timeZone } = options;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT m."contactPersonId" AS contact_person_id, m.name, o.path, m."lastActiveAt" AS last_active_at, m.residence, m.workplace,
        (SELECT w.id FROM "WechatContact" w WHERE w."memberId" = m."contactPersonId") AS contact_id
      FROM "Member" m JOIN "Organization" o ON o.id = m."organizationId"
      WHERE m.status = 'LOST_CONTACT' AND m."careAlertedAt" = ${now} AND m."contactPersonId" IS NOT NULL
      OFFSET 0
    ) c
    WHERE c.contact_id IS NOT NULL
    ORDER BY c.contact_person_id, c.last_active_at NULLS FIRST, c.name`;
  if (rows.length === 0) return 0;
  const byContactPerson = new Map<number, Row[]>();
  for (const row of rows) byContactPerson.set(row.contact_person_id, [...(byContactPerson.get(row.contact_person_id) ?? []), row]);
  const broadcast = await tx.broadcast.upsert({
    where: { key: options.key },
    create: {
      key: options.key,
      kind: 'CARE_ALERT',
      status: 'CONFIRMED',
      organizationId: options.organizationId,
      text: '关心提醒：结对联系的党员疑似失联（每位联系人文本不同）',
      confirmedAt: now,
    },
    update: {},
    select: { id: true },
  });
  const messages = [...byContactPerson.values()].map((members) => ({
    memberId: members[0]!.contact_person_id,
    contactId: members[0]!.contact_id,
    text: [
      `⚠️ 关心提醒：您结对联系的党员中有 ${members.length} 人疑似失联（多次问候未回复、长时间没有动态），请设法联系：`,
      ...members.map((row) =>
        careMemberLine(
          { name: row.name, organizationPath: row.path, lastActiveAt: row.last_active_at, residence: row.residence, workplace: row.workplace },
          { scopePath: row.path, now, timeZone, whereabouts: true },
        ),
      ),
      `联系上后请发送「走访 ${members[0]!.name} 电话 情况说明」记录（方式：电话 / 视频 / 上门 / 微信 / 家属）。`,
    ].join('\n'),
  }));
  // A work message: not counted toward the contact person's daily cap (quiet hours still hold).
  return tx.$executeRaw`
    INSERT INTO "Delivery" ("broadcastId", "memberId", "conversationId", capped, text)
    SELECT ${broadcast.id}, r.member_id, r.contact_id, false, r.text
    FROM unnest(${messages.map((m) => m.memberId)}::int[], ${messages.map((m) => m.contactId)}::text[], ${messages.map((m) => m.text)}::text[])
      AS r(member_id, contact_id, text)
    ON CONFLICT DO NOTHING`;
}
