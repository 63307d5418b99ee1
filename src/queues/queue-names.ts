/** The BullMQ queues, by name. Keys live under the configured QUEUE_PREFIX. */
export const queueNames = {
  /** Batches of chat messages, written before any processing (see intake/). */
  intake: 'intake',
  /** One delayed job per group chat and time window: the batched check-in reply. */
  groupSummary: 'group-summary',
} as const;

/** Every message a bot account sends (see delivery/outbox.ts); pacing is per account. */
export function outboxQueueName(account: string): string {
  return `outbox-${account}`;
}

/** Remarks (备注) a bot account writes on bound contacts (see delivery/contact-markers.ts). */
export function contactMarkerQueueName(account: string): string {
  return `contact-markers-${account}`;
}
