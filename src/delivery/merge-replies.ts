import type { Job, Queue } from 'bullmq';
import type { OutgoingMessage } from './chat-port.ts';
import type { OutboxJob } from './outbox.ts';

/** A reply; `merged`: the other replies to the same chat whose texts it carries (taken out of the queue). */
type ReplyJob = Extract<OutboxJob, { kind: 'reply' }> & { merged?: string[] };

/** How far down the queue to look: replies come first (by priority), so this covers any ordinary backlog. */
const lookAhead = 200;

function sameChat(a: OutgoingMessage, b: OutgoingMessage): boolean {
  return a.conversationId === b.conversationId && a.toGroup === b.toGroup && a.mentionContactId === b.mentionContactId;
}

/**
 * The message to send for the reply `job`, carrying the texts of the other replies still waiting
 * for the same chat (and, in a group, the same person), oldest first, as one message. Their ids
 * and texts are written into `job` before they are taken out of the queue, so a crash in between
 * sends them with `job` when it is retried, and never loses one. A reply another process has
 * started sending cannot be removed and is left out.
 */
export async function mergeWaitingReplies(queue: Queue<OutboxJob>, job: Job<OutboxJob>, data: ReplyJob): Promise<OutgoingMessage> {
  if (data.merged) {
    // A retry: take out again what an interrupted first attempt recorded (already gone is fine).
    await Promise.all(data.merged.map((id) => removeWaiting(queue, id)));
    return data.message;
  }
  const waiting = await queue.getPrioritized(0, lookAhead - 1);
  const others = waiting
    .filter((other): other is Job<ReplyJob> => other.id !== job.id && other.data.kind === 'reply' && sameChat(other.data.message, data.message))
    .sort((a, b) => a.timestamp - b.timestamp);
  if (others.length === 0) return data.message;
  const merge = (taken: Job<ReplyJob>[]): ReplyJob => ({
    ...data,
    message: { ...data.message, text: [data.message.text, ...taken.map((other) => other.data.message.text)].join('\n\n') },
    merged: taken.map((other) => other.id!),
  });
  await job.updateData(merge(others));
  const removed = await Promise.all(others.map((other) => removeWaiting(queue, other.id!)));
  const taken = others.filter((_, i) => removed[i]);
  if (taken.length < others.length) await job.updateData(merge(taken));
  return merge(taken).message;
}

/** False when the job is being sent by another process (locked). */
async function removeWaiting(queue: Queue<OutboxJob>, jobId: string): Promise<boolean> {
  try {
    return (await queue.remove(jobId)) === 1;
  } catch {
    return false;
  }
}
