/** The BullMQ queues, by name. Keys live under the configured QUEUE_PREFIX. */
export const queueNames = {
  /** Batches of chat messages, written before any processing (see intake/). */
  intake: 'intake',
  /** Every message the bot sends (see delivery/outbox.ts). */
  outbox: 'outbox',
  /** One delayed job per group chat and time window: the batched check-in reply. */
  groupSummary: 'group-summary',
} as const;
