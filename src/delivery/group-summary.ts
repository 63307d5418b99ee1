import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';
import { markGroupCheckInsSummarized, summarizeGroupCheckIns } from '../domain/check-in/summarize-group-check-ins.ts';
import type { Logger } from '../log.ts';
import { jobIdPart } from '../queues/redis.ts';
import { groupSummaryQueueName } from '../queues/queue-names.ts';
import type { Outbox } from './outbox.ts';

interface SummaryJob {
  roomId: string;
}

/**
 * Batches group replies: check-ins in a group during one time window share one delayed job
 * (its id is the group and the window), which posts a single summary when the window ends.
 */
export class GroupSummaryScheduler {
  private readonly queue: Queue<SummaryJob>;

  constructor(private readonly options: { connection: Redis; prefix: string; account: string; windowMs: number; now: () => Date }) {
    this.queue = new Queue<SummaryJob>(groupSummaryQueueName(options.account), {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 20,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  async schedule(roomIds: Iterable<string>): Promise<void> {
    const now = this.options.now().getTime();
    const window = Math.floor(now / this.options.windowMs);
    const delay = (window + 1) * this.options.windowMs - now;
    const jobs = [...roomIds].map((roomId) => ({
      name: 'summarize',
      data: { roomId },
      opts: { jobId: `summary-${jobIdPart(roomId)}-${window}`, delay },
    }));
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function createGroupSummaryWorker(options: {
  connection: ConnectionOptions;
  prefix: string;
  account: string;
  db: Db;
  outbox: Outbox;
  timeZone: string;
  now: () => Date;
  log: Logger;
}): Worker<SummaryJob> {
  const { db, outbox, timeZone, now, log } = options;
  const worker = new Worker<SummaryJob>(
    groupSummaryQueueName(options.account),
    async (job) => {
      const { roomId } = job.data;
      const summary = await summarizeGroupCheckIns(db, { roomId, timeZone, now: now() });
      if (!summary) return;
      // Enqueue before marking: a crash in between re-sends under the same key, which the outbox drops.
      await outbox.enqueueReplies([
        {
          key: `summary-${roomId}-${summary.throughCheckInId}`,
          message: { conversationId: roomId, toGroup: true, text: summary.text },
        },
      ]);
      await markGroupCheckInsSummarized(db, { roomId, throughCheckInId: summary.throughCheckInId });
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'group summary failed'));
  return worker;
}
