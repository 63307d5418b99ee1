import type { Db } from '../../db/client.ts';
import { createBroadcastDeliveries } from '../broadcasts/create-broadcast-deliveries.ts';
import { pollReminderText } from './poll-text.ts';
import { voterKey } from './voter-key.ts';

/** Members who have not answered hear once, this long before the poll closes. */
export const pollReminderBeforeMs = 24 * 3600_000;

/**
 * The one reminder of each open poll closing within a day, to the members it was sent to who have not
 * answered: which they are, only the poll's secret tells (the answers of an anonymous poll carry no member),
 * so their keys are made here, one HMAC each. The broadcast's key makes a rerun find it: nobody hears twice.
 */
export async function createPollReminders(db: Db, options: { now: Date; timeZone: string }): Promise<number[]> {
  const { now, timeZone } = options;
  const due = await db.poll.findMany({
    where: {
      status: 'OPEN',
      closesAt: { gt: now, lte: new Date(now.getTime() + pollReminderBeforeMs) },
      voterSecret: { not: null },
      broadcasts: { none: { kind: 'POLL_REMINDER' } },
    },
    select: { id: true, title: true, options: true, multiple: true, anonymous: true, closesAt: true, voterSecret: true, organizationId: true, targetTag: true },
  });
  const deliveryIds: number[] = [];
  for (const poll of due) {
    const [recipients, answers] = await Promise.all([
      db.$queryRaw<{ memberId: number }[]>`
        SELECT d."memberId" FROM "Broadcast" b JOIN "Delivery" d ON d."broadcastId" = b.id AND d."memberId" IS NOT NULL
        WHERE b."pollId" = ${poll.id} AND b.kind = 'POLL'`,
      db.pollAnswer.findMany({ where: { pollId: poll.id }, select: { voterKey: true } }),
    ]);
    const answered = new Set(answers.map((answer) => answer.voterKey));
    const unanswered = recipients.map((row) => row.memberId).filter((id) => !answered.has(voterKey(poll.voterSecret!, id)));
    const broadcast = await db.broadcast.upsert({
      where: { key: `poll-reminder-${poll.id}` },
      create: {
        key: `poll-reminder-${poll.id}`,
        kind: 'POLL_REMINDER',
        status: 'CONFIRMED',
        confirmedAt: now,
        organizationId: poll.organizationId,
        pollId: poll.id,
        targetTag: poll.targetTag,
        text: pollReminderText(poll, timeZone),
      },
      update: {},
      select: { id: true },
    });
    deliveryIds.push(...(await createBroadcastDeliveries(db, { broadcastId: broadcast.id, audience: 'poll-recipients', capped: true, onlyMembers: unanswered })));
  }
  return deliveryIds;
}
