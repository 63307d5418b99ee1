import { randomUUID } from 'node:crypto';
import * as PUPPET from 'wechaty-puppet';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

export type ContactMock = mock.ContactMock;
export type RoomMock = mock.RoomMock;

/** wechaty-puppet-mock forgets a remark (备注) set on a contact; a real account keeps it, across logins too. */
class PuppetMockWithRemarks extends PuppetMock {
  override async contactAlias(contactId: string): Promise<string>;
  override async contactAlias(contactId: string, alias: string | null): Promise<void>;
  override async contactAlias(contactId: string, alias?: string | null): Promise<string | void> {
    const payload = this.mocker.contactPayload(contactId);
    if (alias === undefined) return payload.alias ?? '';
    this.mocker.cacheContactPayload.set(contactId, { ...payload, alias: alias ?? '' });
    this.dirtyPayload(PUPPET.types.Dirty.Contact, contactId);
  }
}

/**
 * A WeChat stand-in for the simulator, tests and benchmarks: the real Wechaty stack runs on
 * wechaty-puppet-mock, and this world creates the people and rooms it talks to.
 */
export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet: PuppetMock = new PuppetMockWithRemarks({ mocker: this.mocker });
  readonly self: ContactMock;

  constructor(botName = '党建助手') {
    this.self = this.mocker.createContact({ name: botName });
  }

  /** Logs the bot in; call after `bot.start()`. */
  login(): void {
    this.mocker.login(this.self);
  }

  /**
   * What a web-protocol puppet's new login does: the account logs out, and every contact and room
   * comes back under a new id, with the same name, remark (备注) and members. Returns the contacts
   * and rooms of the new session by their old ids. `whileLoggedOut` runs between the two.
   */
  async relogin(
    options: { whileLoggedOut?: () => Promise<void> } = {},
  ): Promise<{ contacts: Map<string, ContactMock>; rooms: Map<string, RoomMock> }> {
    await this.puppet.logout();
    await options.whileLoggedOut?.();
    const contacts = new Map<string, ContactMock>();
    for (const [id, payload] of [...this.mocker.cacheContactPayload]) {
      if (id === this.self.id) continue;
      this.mocker.cacheContactPayload.delete(id);
      contacts.set(id, this.mocker.createContact({ ...payload, id: randomUUID() }));
    }
    const rooms = new Map<string, RoomMock>();
    for (const [id, payload] of [...this.mocker.cacheRoomPayload]) {
      this.mocker.cacheRoomPayload.delete(id);
      const memberIdList = payload.memberIdList.map((memberId) => contacts.get(memberId)?.id ?? memberId);
      rooms.set(id, this.mocker.createRoom({ ...payload, id: `${randomUUID()}@chatroom`, memberIdList }));
    }
    this.login();
    return { contacts, rooms };
  }

  createContact(name: string, id?: string): ContactMock {
    return this.mocker.createContact({ name, ...(id ? { id } : {}) });
  }

  /** Room ids must contain '@': that is how the mock puppet tells a room from a contact. */
  createRoom(topic: string, members: ContactMock[], id?: string): RoomMock {
    const memberIdList = [this.self.id, ...members.map((member) => member.id)];
    return this.mocker.createRoom({ topic, memberIdList, ...(id ? { id } : {}) });
  }

  /**
   * Delivers a text message as WeChat would, with control over its id and time: for replays,
   * duplicate events and other days. (`contact.say(text).to(room)` always stamps "now".)
   */
  deliver(message: { from: ContactMock; to?: ContactMock; room?: RoomMock; text: string; id?: string; timestamp?: number }): string {
    const id = message.id ?? randomUUID();
    if (!this.mocker.cacheMessagePayload.has(id)) {
      this.mocker.MessageMock.create({
        id,
        talkerId: message.from.id,
        timestamp: message.timestamp ?? Date.now(),
        type: PUPPET.types.Message.Text,
        text: message.text,
        ...(message.room ? { roomId: message.room.id, mentionIdList: [] } : { listenerId: (message.to ?? this.self).id }),
      });
    }
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  /** Calls `listener` with every message the bot sends: where to, and the text. */
  onBotMessage(listener: (sent: { conversationId: string; text: string }) => void): () => void {
    const onMessage = async ({ messageId }: { messageId: string }) => {
      const payload = this.mocker.messagePayload(messageId);
      if (payload.talkerId !== this.self.id) return;
      const conversationId = payload.roomId || payload.listenerId;
      if (conversationId) listener({ conversationId, text: payload.text ?? '' });
    };
    this.puppet.on('message', onMessage);
    return () => this.puppet.off('message', onMessage);
  }
}
