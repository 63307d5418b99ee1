/**
 * The thin port between the assistant and a chat service. Wechaty (real or mock puppet)
 * implements it; nothing else in the assistant knows which chat service is in use.
 */
export interface OutgoingMessage {
  /** A room id (group chat) or a contact id (direct chat). */
  conversationId: string;
  toGroup: boolean;
  text: string;
  /** In a group chat: the contact the reply is addressed to (shown as an @mention). */
  mentionContactId?: string;
}

export interface ChatPort {
  /**
   * Throws PermanentSendError when retrying cannot help (not a friend, not in the group), and
   * ThrottledSendError when WeChat says the account sends too much.
   */
  send(message: OutgoingMessage): Promise<void>;
  /** Sets the remark (备注) the bot's account keeps for a contact. */
  setRemark(contactId: string, remark: string): Promise<void>;
}

export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

/** WeChat is throttling the account (操作过于频繁, ret 1205 …): proactive sends must pause for hours. */
export class ThrottledSendError extends Error {
  override name = 'ThrottledSendError';
}
