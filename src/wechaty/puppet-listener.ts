import type * as PUPPET from 'wechaty-puppet';
import type { InboundMessage } from '../intake/inbound-message.ts';
import type { Logger } from '../log.ts';
import { listenToPuppet } from './puppet-intake.ts';

/**
 * What the assistant hears from the puppet: chat messages, fed to intake from the moment this
 * exists, and the bot's own display name, learnt at each login.
 */
export class PuppetListener {
  /** The bot's display name, so "@助手 签到" is understood as "签到". */
  botName: string | undefined;
  private readonly stopListening: () => void;
  private readonly onLogin = () =>
    void this.learnBotName().catch((error: unknown) => this.options.log.warn({ err: error }, 'could not read the bot name'));

  constructor(
    private readonly puppet: PUPPET.impls.PuppetInterface,
    /** `heardFrom`: messages stamped earlier are replays from before start-up, ignored. */
    private readonly options: { heardFrom: number; push: (message: InboundMessage) => void; log: Logger },
  ) {
    this.stopListening = listenToPuppet(puppet, options);
    this.onLogin();
    puppet.on('login', this.onLogin);
  }

  stop(): void {
    this.stopListening();
    this.puppet.off('login', this.onLogin);
  }

  private async learnBotName(): Promise<void> {
    const selfId = this.puppet.isLoggedIn ? this.puppet.currentUserId : undefined;
    if (selfId) this.botName = (await this.puppet.contactPayload(selfId)).name;
  }
}
