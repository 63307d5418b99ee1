import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { jobIdPart } from '../queues/redis.ts';
import { isQueueIdle } from '../queues/is-queue-idle.ts';
import { queueNames } from '../queues/queue-names.ts';
import type { ChatPort, OutgoingMessage } from './chat-port.ts';

export interface OutboxItem {
  /** Idempotency key: the same key is sent at most once, however often it is enqueued. */
  key: string;
  message: OutgoingMessage;
}

/** Replies to what a member just said go before bulk sends. BullMQ: lower number first. */
export const outboxPriority = { reply: 1, bulk: 10 } as const;

/**
 * Every message the bot sends goes through this queue, so a retried or resumed job never sends
 * the same message twice: the job id is the idempotency key, and finished jobs are kept a day
 * so a late duplicate still finds its key taken.
 */
export class Outbox {
  private readonly queue: Queue<OutgoingMessage>;

  constructor(options: { connection: Redis; prefix: string }) {
    this.queue = new Queue<OutgoingMessage>(queueNames.outbox, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  async enqueue(items: OutboxItem[], priority: number = outboxPriority.reply): Promise<void> {
    if (items.length === 0) return;
    await this.queue.addBulk(
      items.map((item) => ({ name: 'send', data: item.message, opts: { jobId: jobIdPart(item.key), priority } })),
    );
  }

  async isIdle(): Promise<boolean> {
    return isQueueIdle(this.queue);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function createOutboxWorker(options: { connection: Redis; prefix: string; chat: ChatPort; log: Logger }): Worker<OutgoingMessage> {
  const { chat, log } = options;
  const worker = new Worker<OutgoingMessage>(
    queueNames.outbox,
    async (job) => {
      await chat.send(job.data);
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => {
    log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'outbox: send failed');
  });
  return worker;
}
