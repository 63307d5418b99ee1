import type { templateFields, templateKinds } from '../config.ts';

/**
 * The thin port between the assistant and a chat service. Wechaty (real or mock puppet) and the
 * official account (src/official-account/) implement it; nothing else in the assistant knows which
 * chat service is in use.
 */
export interface OutgoingMessage {
  /** A room id (group chat) or a contact id (direct chat). */
  conversationId: string;
  toGroup: boolean;
  text: string;
  /** In a group chat: the contact the reply is addressed to (shown as an @mention). */
  mentionContactId?: string;
  /**
   * A proactive message's kind and parts, for a channel that cannot always send free text: the
   * official account sends a template message of that kind when the member's 48-hour window is closed.
   */
  summary?: MessageSummary;
}

export interface MessageSummary {
  kind: Exclude<(typeof templateKinds)[number], 'default'>;
  fields: Partial<Record<(typeof templateFields)[number], string>>;
  /** When the message stops being worth reading (an activity's end); the default is 30 days. */
  expiresAt?: Date;
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

/**
 * The contact cannot be reached through this account at all (the member unfollowed the official
 * account, or refused its messages): not retried, and the member's secretaries are told once.
 */
export class UnreachableContactError extends PermanentSendError {
  override name = 'UnreachableContactError';
}

/**
 * Not now, but once the member writes again: the official account's 48-hour window is closed and
 * no template message fits. The message waits for their next message or menu click.
 */
export class AwaitingInteractionError extends Error {
  override name = 'AwaitingInteractionError';
}
