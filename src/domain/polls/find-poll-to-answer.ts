import type { Db } from '../../db/client.ts';
import type { PollSummary } from './poll-text.ts';

/** A poll as members see it, with the secret that keys their answers (null once it closed). */
export type PollToAnswer = PollSummary & { voterSecret: Uint8Array | null };

/**
 * The poll a bare number from a member answers: of the polls sent to them, the newest still open;
 * when none is open, the newest closed one (so the member is told it closed, and when). Null when the
 * member was never sent a poll: the number is then not an answer.
 */
export async function findPollToAnswer(db: Db, options: { memberId: number; now: Date }): Promise<PollToAnswer | null> {
  const [poll] = await db.$queryRaw<PollToAnswer[]>`
    SELECT p.id, p.title, p.options, p.multiple, p.anonymous, p."closesAt", p."voterSecret"
    FROM "Delivery" d
    JOIN "Broadcast" b ON b.id = d."broadcastId" AND b.kind = 'POLL'
    JOIN "Poll" p ON p.id = b."pollId" AND p.status = 'OPEN'
    WHERE d."memberId" = ${options.memberId}
    ORDER BY (p."closesAt" > ${options.now}) DESC, p.id DESC
    LIMIT 1`;
  return poll ?? null;
}
