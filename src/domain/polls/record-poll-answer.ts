import type { Db } from '../../db/client.ts';
import type { PollToAnswer } from './find-poll-to-answer.ts';
import { voterKey } from './voter-key.ts';

export type PollAnswerOutcome = 'recorded' | 'changed' | 'closed';

/**
 * A member's answer to a poll: one per member (keyed by voterKey), replaced by a later answer until the
 * poll closes, refused after. An anonymous poll's answer is written with neither the member nor a time.
 */
export async function recordPollAnswer(
  db: Db,
  options: { poll: PollToAnswer; member: { id: number; organizationId: number }; choices: number[]; now: Date },
): Promise<PollAnswerOutcome> {
  const { poll, member, choices, now } = options;
  if (now >= poll.closesAt || !poll.voterSecret) return 'closed';
  const key = voterKey(poll.voterSecret, member.id);
  const memberId = poll.anonymous ? null : member.id;
  const answeredAt = poll.anonymous ? null : now;
  const [row] = await db.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO "PollAnswer" ("pollId", "voterKey", "memberId", "organizationId", choices, "answeredAt")
    VALUES (${poll.id}, ${key}, ${memberId}, ${member.organizationId}, ${choices}::int[], ${answeredAt})
    ON CONFLICT ("pollId", "voterKey") DO UPDATE SET choices = EXCLUDED.choices, "answeredAt" = EXCLUDED."answeredAt"
    RETURNING (xmax = 0) AS inserted`;
  return row?.inserted ? 'recorded' : 'changed';
}
