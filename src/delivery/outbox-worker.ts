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
import type { Pacer } from './pacer.ts';
import { quietHoursEnd, type QuietHours } from './quiet-hours.ts';

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

  async function sendDelivery(job: Job<OutboxJob>, token: string | undefined, deliveryId: number): Promise<void> {
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
    if (holdUntil) {
      await job.moveToDelayed(holdUntil.getTime() + Math.round(Math.random() * rules.morningSpreadMs), token);
      throw new DelayedError();
    }
    await rules.pacer.waitTurn(delivery.memberId === null);
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
    await markDeliverySent(db, { deliveryId, at: now() });
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
      if (data.kind === 'delivery') return sendDelivery(job, token, data.deliveryId);
      await rules.pacer.waitTurn(data.message.toGroup);
      try {
        await chat.send(data.message);
      } catch (error) {
        if (error instanceof PermanentSendError) return log.warn({ jobId: job.id, err: error.message }, 'reply not deliverable');
        throw error;
      }
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
