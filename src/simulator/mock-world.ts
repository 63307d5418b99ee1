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
