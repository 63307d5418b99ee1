import { DelayedError, Worker, type Job, type ConnectionOptions } from 'bullmq';
import type { Db } from '../db/client.ts';
import {
  claimDelivery,
  countCappedSent,
  loadDeliveryToSend,
  markDeliveryFailed,
  markDeliverySent,
  requeueDelivery,
  type DeliveryToSend,
} from './delivery-state.ts';
import { localDay, localDayBounds } from '../domain/shared/local-day.ts';
import type { Logger } from '../log.ts';
import { outboxQueueName } from '../queues/queue-names.ts';
import { PermanentSendError, type ChatPort } from './chat-port.ts';
import type { OutboxJob } from './outbox.ts';
import { isDatabaseUp } from '../db/is-database-up.ts';
import type { Pacer } from './pacer.ts';
import { quietHoursEnd, type QuietHours } from './quiet-hours.ts';

type DeliveryJob = Extract<OutboxJob, { kind: 'delivery' }>;
type ReplyJob = Extract<OutboxJob, { kind: 'reply' }>;

/** Moves the job aside until `at` (BullMQ: it keeps its attempts and its priority). */
async function putAside(job: Job<OutboxJob>, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(at, token);
  throw new DelayedError();
}

export interface OutboxRules {
  pacer: Pacer;
  quietHours: QuietHours | null;
  dailyCap: number;
  timeZone: string;
  /** Held messages go out spread over this long after quiet hours end, not all at 08:00:00. */
  morningSpreadMs: number;
}

/**
 * Sends the account's messages one at a time, paced. Replies go out at once (in turn);
 * deliveries (broadcasts) also wait out quiet hours and the member's daily cap, and are sent
 * at most once: a delivery found SENDING after a crash is not sent again.
 */
export function createOutboxWorker(options: {
  connection: ConnectionOptions;
  prefix: string;
  account: string;
  db: Db;
  chat: ChatPort;
  rules: OutboxRules;
  now: () => Date;
  log: Logger;
}): Worker<OutboxJob> {
  const { db, chat, rules, now, log } = options;

  async function sendDelivery(job: Job<OutboxJob>, token: string | undefined, data: DeliveryJob): Promise<void> {
    const { deliveryId } = data;
    if (data.handedOver) {
      // Sent before, but the database was down when it was to be recorded: record it now.
      await markDeliverySent(db, { deliveryId, at: new Date(data.handedOver) });
      return;
    }
    const delivery = await loadDeliveryToSend(db, deliveryId);
    if (!delivery || delivery.status === 'SENT' || delivery.status === 'FAILED') return;
    if (delivery.status === 'SENDING') {
      // The process stopped between handing the message to WeChat and recording it.
      await markDeliveryFailed(db, { deliveryId, reason: 'interrupted while sending; not resent to avoid a duplicate' });
      return;
    }
    if (delivery.activityCancelled) {
      await markDeliveryFailed(db, { deliveryId, reason: 'activity cancelled' });
      return;
    }
    const holdUntil = await holdDeliveryUntil(delivery);
    if (holdUntil) return putAside(job, token, holdUntil.getTime() + Math.round(Math.random() * rules.morningSpreadMs));
    await rules.pacer.waitTurn({ group: delivery.memberId === null });
    if (!(await claimDelivery(db, deliveryId))) return;
    try {
      await chat.send({ conversationId: delivery.conversationId!, toGroup: delivery.memberId === null, text: delivery.text });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentSendError) {
        await markDeliveryFailed(db, { deliveryId, reason });
        return;
      }
      await requeueDelivery(db, { deliveryId, reason });
      throw error;
    }
    const at = now();
    try {
      await markDeliverySent(db, { deliveryId, at });
    } catch (error) {
      // Kept with the job (in Redis), so that the retry records the send instead of calling it interrupted.
      await job.updateData({ ...data, handedOver: at.getTime() });
      throw error;
    }
  }

  async function sendReply(job: Job<OutboxJob>, token: string | undefined, data: ReplyJob): Promise<void> {
    const turn = await rules.pacer.waitTurn({ group: data.message.toGroup, stranger: data.toStranger });
    // Strangers' share of the pace is used up: members' messages go first meanwhile.
    if (!turn.booked) return putAside(job, token, Date.now() + turn.retryInMs);
    try {
      await chat.send(data.message);
    } catch (error) {
      if (error instanceof PermanentSendError) return log.warn({ jobId: job.id, err: error.message }, 'reply not deliverable');
      throw error;
    }
  }

  /**
   * A failure while PostgreSQL is unreachable is not the delivery's fault: the job waits for the
   * database (longer the longer it is down, at most half a minute) without using up its attempts,
   * so a long outage delays a broadcast and never strands it. Once the database was found down,
   * the jobs that come up within a second are put aside without trying it again.
   */
  let databaseDown: { since: number; checkedAt: number } | null = null;
  function waitForDatabase(job: Job<OutboxJob>, token: string | undefined): Promise<never> {
    const waitMs = Math.min(30_000, Math.max(1_000, (Date.now() - databaseDown!.since) / 2));
    return putAside(job, token, Date.now() + waitMs + Math.round(Math.random() * 1_000));
  }
  async function deliverOrWait(job: Job<OutboxJob>, token: string | undefined, data: DeliveryJob): Promise<void> {
    if (databaseDown && Date.now() - databaseDown.checkedAt < 1_000) return waitForDatabase(job, token);
    try {
      await sendDelivery(job, token, data);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      if (await isDatabaseUp(db)) {
        databaseAnswered();
        throw error;
      }
      if (!databaseDown) log.warn('outbox: database unreachable; deliveries wait for it');
      databaseDown = { since: databaseDown?.since ?? Date.now(), checkedAt: Date.now() };
      return waitForDatabase(job, token);
    }
    databaseAnswered();
  }
  function databaseAnswered(): void {
    if (databaseDown) log.info({ downMs: Date.now() - databaseDown.since }, 'outbox: database back');
    databaseDown = null;
  }

  /** Quiet hours, then the member's daily cap: when may this delivery go out, if not now? */
  async function holdDeliveryUntil(delivery: DeliveryToSend): Promise<Date | null> {
    const at = now();
    const quietEnd = quietHoursEnd(at, rules.quietHours, rules.timeZone);
    if (quietEnd) return quietEnd;
    if (!delivery.capped || delivery.memberId === null) return null;
    const today = localDay(at, rules.timeZone);
    const { start, end } = localDayBounds(today, rules.timeZone);
    const sentToday = await countCappedSent(db, { memberId: delivery.memberId, dayStart: start, dayEnd: end });
    if (sentToday < rules.dailyCap) return null;
    return quietHoursEnd(end, rules.quietHours, rules.timeZone) ?? end;
  }

  const worker = new Worker<OutboxJob>(
    outboxQueueName(options.account),
    async (job, token) => {
      const data = job.data;
      return data.kind === 'reply' ? sendReply(job, token, data) : deliverOrWait(job, token, data);
    },
    // One at a time: the pacer spaces the account's messages.
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    log.warn({ jobId: job.id, attempts: job.attemptsMade, err: error.message }, 'outbox: send failed');
    const data = job.data;
    if (data.kind === 'delivery' && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      void markDeliveryFailed(db, { deliveryId: data.deliveryId, reason: error.message }).catch(() => undefined);
    }
  });
  return worker;
}
