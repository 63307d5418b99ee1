import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isQueueIdle } from '../queues/is-queue-idle.ts';
import { outboxQueueName } from '../queues/queue-names.ts';
import { jobIdPart } from '../queues/redis.ts';
import type { OutgoingMessage } from './chat-port.ts';

export interface OutboxItem {
  /** Idempotency key: the same key is sent at most once, however often it is enqueued. */
  key: string;
  message: OutgoingMessage;
}

/** A reply carries its text; a delivery is a row in PostgreSQL (a broadcast to one recipient). */
export type OutboxJob = { kind: 'reply'; message: OutgoingMessage } | { kind: 'delivery'; deliveryId: number };

/** Replies to what a member just said go before bulk sends. BullMQ: lower number first. */
const priority = { reply: 1, delivery: 10 } as const;

/**
 * Every message the bot sends goes through this queue, one per bot account (pacing is per
 * account). The job id is the idempotency key, and finished jobs are kept a day, so a retried
 * or resumed job never sends the same message twice.
 */
export class Outbox {
  private readonly queue: Queue<OutboxJob>;

  constructor(options: { connection: Redis; prefix: string; account: string }) {
    this.queue = new Queue<OutboxJob>(outboxQueueName(options.account), {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  async enqueueReplies(items: OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.queue.addBulk(
      items.map((item) => ({
        name: 'reply',
        data: { kind: 'reply' as const, message: item.message },
        opts: { jobId: jobIdPart(item.key), priority: priority.reply },
      })),
    );
  }

  async enqueueDeliveries(deliveryIds: number[]): Promise<void> {
    // addBulk in slices: one call with 100,000 jobs would build one huge Redis pipeline in memory.
    for (let start = 0; start < deliveryIds.length; start += 5_000) {
      await this.queue.addBulk(
        deliveryIds.slice(start, start + 5_000).map((deliveryId) => ({
          name: 'delivery',
          data: { kind: 'delivery' as const, deliveryId },
          opts: { jobId: `delivery-${deliveryId}`, priority: priority.delivery },
        })),
      );
    }
  }

  /** Nothing to send now; messages held for quiet hours, the daily cap or a retry do not count. */
  async isIdle(): Promise<boolean> {
    return isQueueIdle(this.queue, { ignoreDelayed: true });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
