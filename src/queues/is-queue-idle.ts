import type { Queue } from 'bullmq';

/** True when no job of the queue is waiting, running or waiting for a retry. */
export async function isQueueIdle(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  return Object.values(counts).every((count) => count === 0);
}
