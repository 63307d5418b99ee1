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
   * An official account's event: the member followed (perhaps by scanning a QR code: its scene),
   * unfollowed, scanned one of the account's QR codes, or clicked a menu button (its key is the
   * text, handled as typed; an event still, for WeChat's reply window).
   */
  event?: { kind: 'follow' | 'unfollow' | 'scan' | 'click'; scene?: string };
  /** Epoch milliseconds, as the chat service stamped the message. */
  sentAt: number;
}
