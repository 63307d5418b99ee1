import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { commands } from '../commands/registry.ts';
import { isQueueIdle } from '../queues/is-queue-idle.ts';
import { intakeQueueName } from '../queues/queue-names.ts';
import type { InboundMessage } from './inbound-message.ts';
import { readCommand } from './read-command.ts';

export interface IntakeBatch {
  /** The bot's own display name, so an @mention of it can be stripped from commands. */
  botName?: string;
  messages: InboundMessage[];
}

/** Waits (in ms) before a retry of a failed batch: the database may be restarting. Capped at a minute. */
export function intakeRetryDelay(attemptsMade: number): number {
  return Math.min(60_000, 500 * 2 ** attemptsMade);
}

/**
 * The durable front door: chat messages are collected for a few milliseconds and written to
 * Redis as one job per batch, before anything else happens to them. One job per message would
 * cap intake at a few thousand Redis round trips a second; a batch costs one.
 * Jobs are retried until the database takes them (a DB outage delays check-ins, never loses them).
 */
export class IntakeQueue {
  private readonly queue: Queue<IntakeBatch>;
  private buffer: InboundMessage[] = [];
  /** Callers of pushDurably waiting for the buffered batch to be written. */
  private waiters: ((written: boolean) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private readonly botName: () => string | undefined;

  constructor(options: { connection: Redis; prefix: string; account: string; maxBatch?: number; lingerMs?: number; botName?: () => string | undefined }) {
    this.maxBatch = options.maxBatch ?? 500;
    this.lingerMs = options.lingerMs ?? 5;
    this.botName = options.botName ?? (() => undefined);
    this.queue = new Queue<IntakeBatch>(intakeQueueName(options.account), {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 100_000,
        backoff: { type: 'capped' },
        // Handled batches go at once: they hold what members wrote (a 绑定 carries a phone ending).
        removeOnComplete: true,
        removeOnFail: false,
      },
    });
  }

  push(message: InboundMessage): void {
    this.buffer.push(message.roomId !== undefined && !readCommand(commands, message, this.botName()) ? whoAndWhen(message) : message);
    if (this.buffer.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
  }

  /**
   * Resolves once the message is in Redis (with the others of its batch), rejects if Redis refused
   * it (it is kept and tried again): for a sender that acknowledges only what is durable (WeChat's callbacks).
   */
  pushDurably(message: InboundMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push((written) => (written ? resolve() : reject(new Error('the intake queue could not write to Redis'))));
      this.push(message);
    });
  }

  /** Writes what is buffered; resolves when every write so far is in Redis. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length > 0) {
      const batch: IntakeBatch = { botName: this.botName(), messages: this.buffer };
      const waiters = this.waiters;
      this.buffer = [];
      this.waiters = [];
      const write = this.queue.add('messages', batch).then(
        () => waiters.forEach((waiter) => waiter(true)),
        // Not written (Redis refused it): keep the messages and try again shortly.
        () => {
          waiters.forEach((waiter) => waiter(false));
          this.buffer.unshift(...batch.messages);
          this.timer ??= setTimeout(() => this.flush(), 1_000);
        },
      );
      this.pending.add(write);
      void write.finally(() => this.pending.delete(write));
    }
    return Promise.all(this.pending).then(() => undefined);
  }

  /** No batch waits or runs (a batch waiting to be retried counts as waiting). */
  async isIdle(): Promise<boolean> {
    return isQueueIdle(this.queue);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.queue.close();
  }
}

/** Group chatter goes to Redis as who and when only (for the silent-member care): its text is kept nowhere. */
function whoAndWhen(message: InboundMessage): InboundMessage {
  const { text: _text, ...rest } = message;
  return rest;
}
