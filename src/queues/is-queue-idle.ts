import type { JobType, Queue } from 'bullmq';

/** True when no job of the queue is waiting or running (and, unless told otherwise, none is delayed). */
export async function isQueueIdle(queue: Queue, options: { ignoreDelayed?: boolean } = {}): Promise<boolean> {
  const states: JobType[] = ['waiting', 'active', 'prioritized', 'waiting-children', ...(options.ignoreDelayed ? [] : ['delayed' as const])];
  const counts = await queue.getJobCounts(...states);
  return Object.values(counts).every((count) => count === 0);
}
