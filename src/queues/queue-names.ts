/**
 * The BullMQ queues, by name; keys live under the configured QUEUE_PREFIX. What a bot account
 * hears and says has queues of its own (one process per account, several accounts per deployment).
 */

/** Batches of chat messages an account heard, written before any processing (see intake/). */
export function intakeQueueName(account: string): string {
  return `intake-${account}`;
}

/** One delayed job per group chat and time window: the batched check-in reply, posted by the account in the group. */
export function groupSummaryQueueName(account: string): string {
  return `group-summary-${account}`;
}

/** Every message a bot account sends (see delivery/outbox.ts); pacing is per account. */
export function outboxQueueName(account: string): string {
  return `outbox-${account}`;
}

/** Remarks (备注) a bot account writes on bound contacts (see delivery/contact-markers.ts). */
export function contactMarkerQueueName(account: string): string {
  return `contact-markers-${account}`;
}
