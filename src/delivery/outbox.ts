import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isQueueIdle } from '../queues/is-queue-idle.ts';
import { outboxQueueName } from '../queues/queue-names.ts';
import { jobIdPart } from '../queues/redis.ts';
import type { SendingForecast } from '../domain/shared/sending-forecast.ts';
import type { AwaitingMessages } from './awaiting-messages.ts';
import type { OutgoingMessage } from './chat-port.ts';
import type { DeliveryForecaster } from './forecast-deliveries.ts';

export interface OutboxItem {
  /** Idempotency key: the same key is sent at most once, however often it is enqueued. */
  key: string;
  message: OutgoingMessage;
  /** A reply to a contact not bound to a member: it waits behind members and takes a small share of the pace. */
  toStranger?: boolean;
}

/** A reply carries its text; a delivery is a row in PostgreSQL (a broadcast to one recipient). */
export type OutboxJob =
  | { kind: 'reply'; message: OutgoingMessage; toStranger?: boolean }
  | {
      kind: 'delivery';
      deliveryId: number;
      /** When it was handed to WeChat, if the database could not record that at the time. */
      handedOver?: number;
    };

function deliveryJobId(deliveryId: number): string {
  return `delivery-${deliveryId}`;
}

/**
 * Replies to what a member just said go first, then replies to strangers (the pacer keeps them
 * to a small share), then reminders of what members said 报名 to, then bulk sends (invitations,
 * notices, study packs …), then the schedules' care (nudges, the whereabouts question), so that a
 * broadcast a secretary confirms keeps its place before them. What the account's daily cap puts off
 * comes back in this order. BullMQ: lower number first; first in, first out within a number.
 */
const priority = { reply: 1, strangerReply: 5, reminder: 8, delivery: 10, care: 12 } as const;

/**
 * Every message the bot sends goes through this queue, one per bot account (pacing is per
 * account). The job id is the idempotency key, and finished jobs are kept a day, so a retried
 * or resumed job never sends the same message twice.
 * Replies go out through this process's account, which heard the message. A delivery goes to the
 * queue of the account its recipient is reached through (several accounts per deployment), so a
 * broadcast created by any process reaches each member once, through their own account.
 */
export class Outbox {
  private readonly queue: Queue<OutboxJob>;
  /** Other accounts' queues, opened when a delivery is routed to them. */
  private readonly otherQueues = new Map<string, Queue<OutboxJob>>();

  constructor(
    private readonly options: {
      connection: Redis;
      prefix: string;
      account: string;
      /** A failed send is tried again after this long, doubling (5 tries in all). */
      retryDelayMs?: number;
      /** The account that sends each delivery; those left out are this account's. */
      routeDeliveries?: (deliveryIds: number[]) => Promise<Map<number, string>>;
      /** Messages waiting for a member's next message (the official account's window). */
      awaiting?: AwaitingMessages;
      /** What the worker's rules will do with a broadcast's messages. */
      forecaster?: DeliveryForecaster;
    },
  ) {
    this.queue = this.openQueue(options.account);
  }

  private openQueue(account: string): Queue<OutboxJob> {
    return new Queue<OutboxJob>(outboxQueueName(account), {
      connection: this.options.connection,
      prefix: this.options.prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: this.options.retryDelayMs ?? 5_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  private queueOf(account: string | undefined): Queue<OutboxJob> {
    if (!account || account === this.options.account) return this.queue;
    let queue = this.otherQueues.get(account);
    if (!queue) this.otherQueues.set(account, (queue = this.openQueue(account)));
    return queue;
  }

  /** Deliveries by the queue that sends them. */
  private async byQueue(deliveryIds: number[]): Promise<Map<Queue<OutboxJob>, number[]>> {
    const accounts = (await this.options.routeDeliveries?.(deliveryIds)) ?? new Map<number, string>();
    const groups = new Map<Queue<OutboxJob>, number[]>();
    for (const deliveryId of deliveryIds) {
      const queue = this.queueOf(accounts.get(deliveryId));
      const ids = groups.get(queue);
      if (ids) ids.push(deliveryId);
      else groups.set(queue, [deliveryId]);
    }
    return groups;
  }

  async enqueueReplies(items: OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.queue.addBulk(
      items.map((item) => ({
        name: 'reply',
        data: { kind: 'reply' as const, message: item.message, ...(item.toStranger ? { toStranger: true } : {}) },
        opts: { jobId: jobIdPart(item.key), priority: item.toStranger ? priority.strangerReply : priority.reply },
      })),
    );
  }

  /** `first`: reminders members asked for by 报名, which go before other deliveries; `care`: the schedules' care, after them. */
  async enqueueDeliveries(deliveryIds: number[], options: { first?: boolean; care?: boolean } = {}): Promise<void> {
    // In slices: one call with 100,000 jobs would build one huge Redis pipeline in memory.
    for (let start = 0; start < deliveryIds.length; start += 5_000) {
      for (const [queue, ids] of await this.byQueue(deliveryIds.slice(start, start + 5_000))) {
        await queue.addBulk(
          ids.map((deliveryId) => ({
            name: 'delivery',
            data: { kind: 'delivery' as const, deliveryId },
            opts: { jobId: deliveryJobId(deliveryId), priority: options.first ? priority.reminder : options.care ? priority.care : priority.delivery },
          })),
        );
      }
    }
  }

  /**
   * Queues deliveries the database still calls QUEUED so that each really has a job to run.
   * A job kept with the same id after it ended (failed once its attempts were used, or
   * completed) would make a plain add a no-op: it is removed and the delivery queued anew.
   * Returns what was done: how many were queued, how many had a job waiting or running.
   */
  async requeueDeliveries(deliveryIds: number[]): Promise<{ requeued: number; alreadyQueued: number }> {
    let requeued = 0;
    for (let start = 0; start < deliveryIds.length; start += 1_000) {
      for (const [queue, slice] of await this.byQueue(deliveryIds.slice(start, start + 1_000))) {
        const states = await Promise.all(slice.map((deliveryId) => queue.getJobState(deliveryJobId(deliveryId))));
        const ended = slice.filter((_, i) => states[i] === 'failed' || states[i] === 'completed');
        await Promise.all(ended.map((deliveryId) => queue.remove(deliveryJobId(deliveryId))));
        const missing = slice.filter((_, i) => states[i] === 'unknown' || states[i] === 'failed' || states[i] === 'completed');
        await this.enqueueDeliveries(missing);
        requeued += missing.length;
      }
    }
    return { requeued, alreadyQueued: deliveryIds.length - requeued };
  }

  /** The member wrote (or clicked, followed, scanned): what waited for it goes out now, in order. */
  async wakeAwaiting(contactId: string): Promise<number> {
    return this.options.awaiting?.wake(this.queue, contactId) ?? 0;
  }

  /**
   * When a broadcast's messages go out, member by member and by reason, from the rules the worker
   * applies; null for an outbox without the worker's rules (a bare one in tests and benchmarks).
   */
  async forecast(broadcastId: number): Promise<SendingForecast | null> {
    return (await this.options.forecaster?.forBroadcast(broadcastId)) ?? null;
  }

  /** Nothing to send now; messages held for quiet hours, the daily cap or a retry do not count. */
  async isIdle(): Promise<boolean> {
    return isQueueIdle(this.queue, { ignoreDelayed: true });
  }

  async close(): Promise<void> {
    await Promise.all([this.queue, ...this.otherQueues.values()].map((queue) => queue.close()));
  }
}
