import { DelayedError, Queue, Worker, type Job, type ConnectionOptions } from 'bullmq';
import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import type { Db } from '../db/client.ts';
import { isDatabaseUp } from '../db/is-database-up.ts';
import type { AccountLimits } from './account-limits.ts';
import type { AwaitingMessages } from './awaiting-messages.ts';
import {
  claimDelivery,
  countCappedSent,
  loadDeliveryToSend,
  markDeliveryAwaiting,
  markDeliveryDeferred,
  markDeliveryDropped,
  markDeliveryFailed,
  markDeliverySent,
  requeueDelivery,
  rewordDelivery,
  type DeliveryToSend,
} from './delivery-state.ts';
import { rewordedNudge, whyStale } from './stale-deliveries.ts';
import { localDay, localDayBounds } from '../domain/shared/local-day.ts';
import type { Logger } from '../log.ts';
import { passGate, type Gate } from '../queues/gate.ts';
import { outboxQueueName } from '../queues/queue-names.ts';
import { AwaitingInteractionError, PermanentSendError, ThrottledSendError, UnreachableContactError, type ChatPort } from './chat-port.ts';
import { mergeWaitingReplies } from './merge-replies.ts';
import type { OutboxJob } from './outbox.ts';
import type { Pacer } from './pacer.ts';
import { quietHoursEnd, type QuietHours } from './quiet-hours.ts';

type DeliveryJob = Extract<OutboxJob, { kind: 'delivery' }>;
type ReplyJob = Extract<OutboxJob, { kind: 'reply' }>;

/** Moves the job aside until `at` (BullMQ: it keeps its attempts and its priority). */
async function putAside(job: Job<OutboxJob>, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(at, token);
  throw new DelayedError();
}

/** A message waiting for the member's next message is looked at again after this long even if they stay silent. */
const awaitingRecheckMs = 7 * 24 * 3_600_000;

export interface OutboxRules {
  pacer: Pacer;
  /** The account's own limits: throttling pause, daily cap, warm-up. */
  account: AccountLimits;
  quietHours: QuietHours | null;
  /** Per member. */
  dailyCap: number;
  timeZone: string;
  /** Held messages go out spread over this long after quiet hours end, not all at 08:00:00. */
  morningSpreadMs: number;
}

/**
 * Sends the account's messages one at a time, paced. Replies go out at once (in turn, at their
 * own pace, those waiting for the same chat as one message); deliveries (broadcasts) also wait
 * out quiet hours, the member's daily cap and the account's limits (a throttling pause, its daily
 * cap, its warm-up), and are sent at most once: a delivery found SENDING after a crash is not sent again.
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
  alerts: OperatorAlerts;
  /** Jobs wait here while it is closed (the account is logged out). */
  gate: Gate;
  /** Messages waiting for the member's next message (the official account's window), found again when they write. */
  awaiting: AwaitingMessages;
  /** The contact cannot be reached through this account at all: recorded, and the member's secretaries told once. */
  onUnreachable: (contactId: string) => Promise<void>;
}): Worker<OutboxJob> {
  const { db, chat, rules, now, log } = options;
  // To find and take out replies waiting for the same chat.
  const queue = new Queue<OutboxJob>(outboxQueueName(options.account), { connection: options.connection, prefix: options.prefix });

  /** WeChat throttles the account: proactive sends pause (every process, across restarts); the operator hears once per pause. */
  async function throttled(): Promise<number> {
    if (await rules.account.pauseForThrottling()) {
      const hours = Math.round(rules.account.throttlePauseMs / 360_000) / 10;
      options.alerts.send({
        event: 'throttled',
        text: `微信提示账号操作过于频繁（限流）。主动消息（通知、活动、学习包、提醒）暂停 ${hours} 小时，回复照常；暂停期间的消息不会丢失，之后按序发出。`,
      });
    }
    return (await rules.account.throttledUntil()) ?? Date.now() + rules.account.throttlePauseMs;
  }

  async function sendDelivery(job: Job<OutboxJob>, token: string | undefined, data: DeliveryJob): Promise<void> {
    const { deliveryId } = data;
    if (data.handedOver) {
      // Sent before, but the database was down when it was to be recorded: record it now.
      await markDeliverySent(db, { deliveryId, at: new Date(data.handedOver) });
      return;
    }
    let delivery = await loadDeliveryToSend(db, deliveryId, rules.timeZone);
    if (!delivery || delivery.status === 'SENT' || delivery.status === 'FAILED') return;
    if (delivery.status === 'SENDING') {
      // The process stopped between handing the message to WeChat and recording it.
      await markDeliveryFailed(db, { deliveryId, reason: 'interrupted while sending; not resent to avoid a duplicate' });
      return;
    }
    // Checked every time its turn comes (after quiet hours, the caps, a logout): nothing stale goes out.
    const stale = await whyStale(db, delivery, now());
    if (stale) {
      await markDeliveryDropped(db, { deliveryId, reason: stale });
      return;
    }
    const reworded = rewordedNudge(delivery, now());
    if (reworded !== null && reworded !== delivery.text) {
      await rewordDelivery(db, { deliveryId, text: reworded });
      delivery = (await loadDeliveryToSend(db, deliveryId, rules.timeZone))!;
    }
    const holdUntil = await holdDeliveryUntil(delivery);
    if (holdUntil) return putAside(job, token, holdUntil.getTime() + Math.round(Math.random() * rules.morningSpreadMs));
    const deferUntil = await accountDefersUntil();
    if (deferUntil) {
      await markDeliveryDeferred(db, { deliveryId, at: now() });
      // No random spread: put off together, they come back in the order they were put off (oldest first).
      return putAside(job, token, deferUntil);
    }
    await rules.pacer.waitTurn({ group: delivery.memberId === null });
    if (!(await claimDelivery(db, deliveryId))) return;
    try {
      await chat.send({ conversationId: delivery.conversationId!, toGroup: delivery.memberId === null, text: delivery.text, summary: delivery.summary });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentSendError) {
        await markDeliveryFailed(db, { deliveryId, reason });
        if (error instanceof UnreachableContactError) await options.onUnreachable(delivery.conversationId!);
        return;
      }
      if (error instanceof AwaitingInteractionError) {
        await markDeliveryAwaiting(db, { deliveryId, reason, at: now() });
        return waitForMember(job, token, delivery.conversationId!);
      }
      await requeueDelivery(db, { deliveryId, reason });
      if (error instanceof ThrottledSendError) {
        const pausedUntil = await throttled();
        await markDeliveryDeferred(db, { deliveryId, at: now() });
        return putAside(job, token, pausedUntil);
      }
      throw error;
    } finally {
      await paceFromNow(delivery.memberId === null);
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

  /** Put aside until the member writes again (AwaitingMessages wakes it), or a week at most. */
  async function waitForMember(job: Job<OutboxJob>, token: string | undefined, contactId: string): Promise<never> {
    await options.awaiting.add(contactId, job.id!);
    return putAside(job, token, Date.now() + awaitingRecheckMs);
  }

  /**
   * The next message is spaced from when this one left. Only a refinement of the slot already
   * booked: if Redis fails here, the send must still be recorded as sent, not retried.
   */
  async function paceFromNow(group: boolean): Promise<void> {
    await rules.pacer.sent({ group }).catch((error: unknown) => log.warn({ err: error }, 'outbox: could not record the send time for pacing'));
  }

  async function sendReply(job: Job<OutboxJob>, token: string | undefined, data: ReplyJob): Promise<void> {
    const turn = await rules.pacer.waitTurn({ group: data.message.toGroup, reply: true, stranger: data.toStranger });
    // Strangers' share of the pace is used up: members' messages go first meanwhile.
    if (!turn.booked) return putAside(job, token, Date.now() + turn.retryInMs);
    // After the wait for a turn: what else came in for this chat meanwhile goes along.
    const message = await mergeWaitingReplies(queue, job, data);
    try {
      await chat.send(message);
    } catch (error) {
      if (error instanceof UnreachableContactError) return options.onUnreachable(message.conversationId);
      if (error instanceof PermanentSendError) return log.warn({ jobId: job.id, err: error.message }, 'reply not deliverable');
      if (error instanceof AwaitingInteractionError) return waitForMember(job, token, message.conversationId);
      // Replies go on at their pace (this one is retried); proactive sends pause.
      if (error instanceof ThrottledSendError) await throttled();
      throw error;
    } finally {
      await paceFromNow(message.toGroup);
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

  /**
   * The account's own limits, checked last because the daily cap is booked here: a throttling
   * pause, the warm-up after its first login, its cap for today. When may proactive sends go on, if not now?
   */
  async function accountDefersUntil(): Promise<number | null> {
    const pausedUntil = await rules.account.throttledUntil();
    if (pausedUntil) return pausedUntil;
    const at = now();
    const warmupEnd = await rules.account.warmupEnd(at);
    if (warmupEnd) return warmupEnd.getTime();
    const today = localDay(at, rules.timeZone);
    if (await rules.account.bookDailySend(today, await rules.account.capOn(at))) return null;
    const { end } = localDayBounds(today, rules.timeZone);
    return (quietHoursEnd(end, rules.quietHours, rules.timeZone) ?? end).getTime();
  }

  const worker = new Worker<OutboxJob>(
    outboxQueueName(options.account),
    async (job, token) => {
      await passGate(options.gate, job, token);
      const data = job.data;
      return data.kind === 'reply' ? sendReply(job, token, data) : deliverOrWait(job, token, data);
    },
    // One at a time: the pacer spaces the account's messages.
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('closed', () => void queue.close());
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
