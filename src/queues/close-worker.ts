import type { Worker } from 'bullmq';

/**
 * Closes a worker gracefully (the job in hand finishes) but not forever: after a Redis
 * connection was cut, BullMQ's graceful close can wait on a blocking call that never returns,
 * and a stuck shutdown is worse than an interrupted job (which BullMQ retries; our jobs are idempotent).
 */
export async function closeWorker(worker: Worker, graceMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = worker.close().then(() => 'closed' as const);
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') await worker.close(true);
}
