import type * as PUPPET from 'wechaty-puppet';
import type { ChatPort, OutgoingMessage } from '../delivery/chat-port.ts';

/**
 * Sends through the puppet directly: Wechaty's Room.say() would first load every member of
 * the room, which is the slow path this assistant avoids.
 */
export class PuppetChatPort implements ChatPort {
  constructor(private readonly puppet: PUPPET.impls.PuppetInterface) {}

  async send(message: OutgoingMessage): Promise<void> {
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
