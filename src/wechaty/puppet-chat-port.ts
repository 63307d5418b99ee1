import type * as PUPPET from 'wechaty-puppet';
import { PermanentSendError, ThrottledSendError, type ChatPort, type OutgoingMessage } from '../delivery/chat-port.ts';

/** What puppets say when a contact or room cannot be reached at all; retrying will not help. */
const permanentFailure = /not exist|not (a )?friend|not in (the )?room|no such|不是好友|已退出|被移出/i;
/** What puppets say when WeChat throttles the account: its own words, or its ret code 1205 (and the same as errcode). */
const throttled = /操作(过于|太)?频繁|(过于|太)频繁|\b(ret|errcode|err_code)\W{0,3}1205\b|too frequent|rate[ -]?limit/i;

/**
 * Sends through the puppet directly: Wechaty's Room.say() would first load every member of
 * the room, which is the slow path this assistant avoids.
 */
export class PuppetChatPort implements ChatPort {
  constructor(private readonly puppet: PUPPET.impls.PuppetInterface) {}

  async send(message: OutgoingMessage): Promise<void> {
    try {
      await this.sendText(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (throttled.test(reason)) throw new ThrottledSendError(reason);
      throw permanentFailure.test(reason) ? new PermanentSendError(reason) : error;
    }
  }

  async setRemark(contactId: string, remark: string): Promise<void> {
    await this.puppet.contactAlias(contactId, remark);
  }

  private async sendText(message: OutgoingMessage): Promise<void> {
    const { conversationId, mentionContactId } = message;
    if (!mentionContactId) {
      await this.puppet.messageSendText(conversationId, message.text);
      return;
    }
    // WeChat shows a mention only when the text also carries "@name" and a U+2005 space.
    const name = await this.displayName(conversationId, mentionContactId);
    await this.puppet.messageSendText(conversationId, `@${name}\u2005${message.text}`, [mentionContactId]);
  }

  private async displayName(roomId: string, contactId: string): Promise<string> {
    const member = await this.puppet.roomMemberPayload(roomId, contactId).catch(() => undefined);
    if (member?.roomAlias) return member.roomAlias;
    const contact = await this.puppet.contactPayload(contactId);
    return contact.name;
  }
}
