import type { Db } from '../../db/client.ts';
import { Prisma, type BroadcastKind, type DeliveryStatus } from '../../generated/prisma/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

/**
 * Deliveries `d` of broadcasts `b`, each filed under `o`, the organisation of the member it is for (of the
 * group, for a group post; of the broadcast, for neither): the day's nudges or care alerts are one broadcast
 * for the whole roster, filed under a root, yet a branch's secretary must see the ones to their members.
 */
const filedDeliveries = Prisma.sql`"Delivery" d JOIN "Broadcast" b ON b.id = d."broadcastId"
  LEFT JOIN "Member" m ON m.id = d."memberId"
  LEFT JOIN "ChatGroup" g ON d."memberId" IS NULL AND g.id = d."conversationId"
  JOIN "Organization" o ON o.id = COALESCE(m."organizationId", g."organizationId", b."organizationId")`;

export interface SendingSummary {
  /** Deliveries of the last `days` days by kind and status. */
  byKind: { kind: BroadcastKind; status: DeliveryStatus; count: number }[];
  /** Failures grouped by reason. */
  failures: { reason: string; count: number }[];
  /** Deliveries still waiting a minute after they were written: in line behind the pace, or held by quiet hours, the daily cap or a paused account. */
  held: number;
  /** Official account: deliveries waiting for their member's next message (window closed, no template). */
  awaitingMembers: number;
}

/** 发送: the outbox as the console shows it, for deliveries to members (and groups) of an organisation and below over the last `days` days. */
export async function getSendingSummary(db: Db, options: { organizationPath: string; now: Date; days: number }): Promise<SendingSummary> {
  const since = new Date(options.now.getTime() - options.days * 24 * 3600_000);
  const heldBefore = new Date(options.now.getTime() - 60_000);
  const inScope = withinOrganizationSql('o.path', options.organizationPath);
  const [byKind, failures, held, awaiting] = await Promise.all([
    db.$queryRaw<{ kind: BroadcastKind; status: DeliveryStatus; count: bigint }[]>`
      SELECT b.kind, d.status, count(*) AS count
      FROM ${filedDeliveries}
      WHERE ${inScope} AND d."createdAt" >= ${since}
      GROUP BY b.kind, d.status ORDER BY b.kind, d.status`,
    db.$queryRaw<{ reason: string | null; count: bigint }[]>`
      SELECT d.reason, count(*) AS count
      FROM ${filedDeliveries}
      WHERE ${inScope} AND d."createdAt" >= ${since} AND d.status = 'FAILED'
      GROUP BY d.reason ORDER BY count(*) DESC LIMIT 20`,
    db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count
      FROM ${filedDeliveries}
      WHERE ${inScope} AND d.status = 'QUEUED' AND d."createdAt" < ${heldBefore}`,
    db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count
      FROM ${filedDeliveries}
      WHERE ${inScope} AND d.status = 'QUEUED' AND d."awaitingSince" IS NOT NULL`,
  ]);
  return {
    byKind: byKind.map((row) => ({ kind: row.kind, status: row.status, count: Number(row.count) })),
    failures: failures.map((row) => ({ reason: row.reason ?? '未知', count: Number(row.count) })),
    held: Number(held[0]?.count ?? 0),
    awaitingMembers: Number(awaiting[0]?.count ?? 0),
  };
}
