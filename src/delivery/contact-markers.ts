import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';
import { confirmContactMarker } from '../domain/members/confirm-contact-marker.ts';
import { reserveContactMarker } from '../domain/members/reserve-contact-marker.ts';
import type { Logger } from '../log.ts';
import { passGate, type Gate } from '../queues/gate.ts';
import { contactMarkerQueueName } from '../queues/queue-names.ts';
import { jobIdPart } from '../queues/redis.ts';
import type { ChatPort } from './chat-port.ts';

interface MarkerJob {
  contactId: string;
}

/** WeChat limits remark writes (about 60 a minute): one a second at most, per account, across processes. */
const writesPerSecond = 1;

/**
 * Remarks (备注) on bound contacts, the marker that finds a member again after a login gives
 * contacts new ids. Written through a queue of their own, paced, never in bursts.
 */
export class ContactMarkers {
  private readonly queue: Queue<MarkerJob>;

  constructor(options: { connection: Redis; prefix: string; account: string }) {
    this.queue = new Queue<MarkerJob>(contactMarkerQueueName(options.account), {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 30_000 },
        // Removed when done, so a contact bound again later can be marked again under the same id.
        removeOnComplete: true,
        removeOnFail: { age: 24 * 3600 },
      },
    });
  }

  async mark(contactIds: string[]): Promise<void> {
    if (contactIds.length === 0) return;
    await this.queue.addBulk(contactIds.map((contactId) => ({ name: 'mark', data: { contactId }, opts: { jobId: `marker-${jobIdPart(contactId)}` } })));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function createContactMarkerWorker(options: {
  connection: ConnectionOptions;
  prefix: string;
  account: string;
  db: Db;
  chat: ChatPort;
  now: () => Date;
  log: Logger;
  /** Jobs wait here while it is closed (the account is logged out). */
  gate: Gate;
}): Worker<MarkerJob> {
  const { db, chat, now, log } = options;
  const worker = new Worker<MarkerJob>(
    contactMarkerQueueName(options.account),
    async (job, token) => {
      await passGate(options.gate, job, token);
      const { contactId } = job.data;
      const alias = await reserveContactMarker(db, contactId);
      if (!alias) return;
      await chat.setRemark(contactId, alias);
      await confirmContactMarker(db, { contactId, alias, at: now() });
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1, limiter: { max: writesPerSecond, duration: 1_000 } },
  );
  // A puppet without remarks, or a contact gone: the member keeps working in this session, and
  // would have to bind again after a re-login (today's behaviour). Logged, never fatal.
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'could not set a contact remark'));
  return worker;
}
