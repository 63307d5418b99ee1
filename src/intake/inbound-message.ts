/** A chat message as intake stores it: plain data, small enough to queue by the thousand. */
export interface InboundMessage {
  /** The chat service's message id: the key that makes intake idempotent. */
  id: string;
  contactId: string;
  /** Set for group chats; absent for direct chats. */
  roomId?: string;
  /** Absent for pictures, voice and other non-text messages. */
  text?: string;
  /**
   * An official account's event (menu clicks arrive as text): the member followed (perhaps by
   * scanning a QR code: its scene), unfollowed, or scanned one of the account's QR codes.
   */
  event?: { kind: 'follow' | 'unfollow' | 'scan'; scene?: string };
  /** Epoch milliseconds, as the chat service stamped the message. */
  sentAt: number;
}
