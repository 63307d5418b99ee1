import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import { isDatabaseUp } from '../db/is-database-up.ts';
import { passGate, type Gate } from '../queues/gate.ts';
import { intakeQueueName } from '../queues/queue-names.ts';
import { deadLetterInboundMessage } from './dead-letter-inbound-message.ts';
import { intakeRetryDelay, type IntakeBatch } from './intake-queue.ts';
import { processInboundBatch, type BatchDependencies } from './process-inbound-batch.ts';
import { readCommand } from './read-command.ts';

/** Failed tries of a whole batch (with the database up) before it is taken apart, a message at a time. */
export const batchAttemptsBeforeSplit = 3;

type IntakeWorkerOptions = BatchDependencies & {
  connection: ConnectionOptions;
  prefix: string;
  /** Batches wait here while it is closed. */
  gate: Gate;
  alerts: OperatorAlerts;
};

/**
 * One batch at a time, so a member's messages are handled in the order they were sent. A batch that
 * keeps failing while the database is up holds a poison message: it is then handled one message at a
 * time, and a message that fails on its own is set aside (dead-lettered), so the rest land. While the
 * database is down nothing is split or set aside: the batch waits and is retried as a whole.
 */
export function createIntakeWorker(options: IntakeWorkerOptions): Worker<IntakeBatch> {
  const process = async (job: Job<IntakeBatch>, token: string | undefined) => {
    await passGate(options.gate, job, token);
    if (job.attemptsMade < batchAttemptsBeforeSplit) return processInboundBatch(options, job.data);
    try {
      return await processInboundBatch(options, job.data);
    } catch (error) {
      if (!(await isDatabaseUp(options.db))) throw error;
      options.log.warn({ jobId: job.id, attempts: job.attemptsMade, err: error }, 'intake batch keeps failing; handling its messages one at a time');
    }
    return processOneByOne(options, job.data);
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

async function processOneByOne(options: IntakeWorkerOptions, batch: IntakeBatch): Promise<void> {
  for (const message of batch.messages) {
    try {
      await processInboundBatch(options, { ...batch, messages: [message] });
    } catch (error) {
      // An outage now is no fault of the message: the batch is retried (messages done so far are skipped).
      if (!(await isDatabaseUp(options.db))) throw error;
      const keepText = !readCommand(options.commands, message, batch.botName)?.parsed.command.storesNoText;
      await deadLetterInboundMessage(
        { db: options.db, alerts: options.alerts, log: options.log, account: options.config.BOT_NAME },
        { message, error, keepText, now: new Date() },
      );
    }
  }
}
