/** A chat message as intake stores it: plain data, small enough to queue by the thousand. */
export interface InboundMessage {
  /** The chat service's message id: the key that makes intake idempotent. */
  id: string;
  contactId: string;
  /** Set for group chats; absent for direct chats. */
  roomId?: string;
  /** Absent for pictures, voice and other non-text messages. */
  text?: string;
  /** Epoch milliseconds, as the chat service stamped the message. */
  sentAt: number;
}
