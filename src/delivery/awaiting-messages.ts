import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Messages the official account could not send (the member's window closed, no template for them)
 * wait as delayed jobs; this list per contact, in Redis, finds them again when the member writes,
 * so that they go out then, in the order they were put aside.
 */
export class AwaitingMessages {
  constructor(private readonly options: { redis: Redis; prefix: string; account: string }) {}

  private key(contactId: string): string {
    return `${this.options.prefix}:awaiting:${this.options.account}:${contactId}`;
  }

  async add(contactId: string, jobId: string): Promise<void> {
    await this.options.redis.rpush(this.key(contactId), jobId);
  }

  /** The member wrote: their waiting jobs are due now. Returns how many were woken. */
  async wake(queue: Queue, contactId: string): Promise<number> {
    const [[, jobIds]] = (await this.options.redis.multi().lrange(this.key(contactId), 0, -1).del(this.key(contactId)).exec()) as [[unknown, string[]]];
    let woken = 0;
    for (const jobId of new Set(jobIds)) {
      const job = await queue.getJob(jobId);
      // A job that went out meanwhile, or was woken by another process, is left as it is.
      if (job && (await job.isDelayed())) {
        await job.promote().then(
          () => (woken += 1),
          () => undefined,
        );
      }
    }
    return woken;
  }
}
