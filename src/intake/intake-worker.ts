import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { passGate, type Gate } from '../queues/gate.ts';
import { intakeQueueName } from '../queues/queue-names.ts';
import { intakeRetryDelay, type IntakeBatch } from './intake-queue.ts';
import { processInboundBatch, type BatchDependencies } from './process-inbound-batch.ts';

/** One batch at a time, so a member's messages are handled in the order they were sent. */
export function createIntakeWorker(
  options: BatchDependencies & { connection: ConnectionOptions; prefix: string; /** Batches wait here while it is closed. */ gate: Gate },
): Worker<IntakeBatch> {
  const process = async (job: Job<IntakeBatch>, token: string | undefined) => {
    await passGate(options.gate, job, token);
    return processInboundBatch(options, job.data);
  };
  const worker = new Worker<IntakeBatch>(intakeQueueName(options.config.BOT_NAME), process, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 1,
    settings: { backoffStrategy: (attemptsMade: number) => intakeRetryDelay(attemptsMade) },
  });
  worker.on('failed', (job, error) => {
    options.log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'intake batch failed; will retry');
  });
  return worker;
}
