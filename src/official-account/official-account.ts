import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { InboundMessage } from '../intake/inbound-message.ts';
import type { Logger } from '../log.ts';
import { callbackRoute } from './callback-route.ts';
import { InteractionWindows } from './interaction-windows.ts';
import { OfficialAccountApi } from './official-account-api.ts';
import { OfficialAccountChatPort } from './official-account-chat-port.ts';

/**
 * The certified 服务号 as the assistant's channel: WeChat's callbacks come in at /oa/callback on
 * the console's server, messages go out through the API by WeChat's rules (OfficialAccountChatPort).
 * OpenIDs never change, so there is no login, no contact survey and no remark to keep.
 */
export class OfficialAccount {
  readonly api: OfficialAccountApi;
  readonly chat: OfficialAccountChatPort;
  private readonly windows: InteractionWindows;

  constructor(private readonly options: { config: Config; redis: Redis; db: Db; now: () => Date; log: Logger }) {
    const { config, redis, db, now, log } = options;
    this.api = new OfficialAccountApi({
      appId: config.OA_APP_ID!,
      appSecret: config.OA_APP_SECRET!,
      baseUrl: config.OA_API_BASE_URL,
      redis,
      keyPrefix: config.QUEUE_PREFIX,
      log,
      now: () => now().getTime(),
    });
    this.windows = new InteractionWindows({ redis, prefix: config.QUEUE_PREFIX, account: config.BOT_NAME });
    this.chat = new OfficialAccountChatPort({ api: this.api, windows: this.windows, db, config, now });
  }

  /**
   * The callback route. `accept` makes a message durable (intake); then the member's reply window
   * opens (or closes, for an unfollow) and `heard` lets what waited for them go out.
   */
  callbackRoutes(options: { accept: (message: InboundMessage) => Promise<void>; heard: (contactId: string) => Promise<unknown> }): (app: FastifyInstance) => Promise<void> {
    const { config, now, log } = this.options;
    return callbackRoute({
      token: config.OA_TOKEN!,
      appId: config.OA_APP_ID!,
      ...(config.OA_ENCODING_AES_KEY ? { encodingAesKey: config.OA_ENCODING_AES_KEY } : {}),
      now,
      log,
      accept: async (message) => {
        await options.accept(message);
        if (message.event?.kind === 'unfollow') {
          await this.windows.close(message.contactId);
          return;
        }
        // WeChat opens the window when the member writes: 5 messages in 48 h, or 3 in a minute after a click, follow or scan.
        await this.windows.opened(message.contactId, message.event ? 'event' : 'message', new Date(message.sentAt), message.id);
        void options.heard(message.contactId).catch((error: unknown) => log.warn({ err: error }, 'could not wake the messages waiting for a member'));
      },
    });
  }
}
