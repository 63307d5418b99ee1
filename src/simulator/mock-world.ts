import { randomUUID } from 'node:crypto';
import * as PUPPET from 'wechaty-puppet';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

export type ContactMock = mock.ContactMock;
export type RoomMock = mock.RoomMock;

/**
 * A WeChat stand-in for the simulator, tests and benchmarks: the real Wechaty stack runs on
 * wechaty-puppet-mock, and this world creates the people and rooms it talks to.
 */
export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly self: ContactMock;

  constructor(botName = '党建助手') {
    this.self = this.mocker.createContact({ name: botName });
  }

  /** Logs the bot in; call after `bot.start()`. */
  login(): void {
    this.mocker.login(this.self);
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
