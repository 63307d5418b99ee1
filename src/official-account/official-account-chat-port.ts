import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import {
  AwaitingInteractionError,
  PermanentSendError,
  ThrottledSendError,
  UnreachableContactError,
  type ChatPort,
  type OutgoingMessage,
} from '../delivery/chat-port.ts';
import { consoleBaseUrl } from '../domain/console/console-address.ts';
import { createNoticeLink } from '../domain/notices/create-notice-link.ts';
import type { InteractionWindows } from './interaction-windows.ts';
import type { OfficialAccountApi } from './official-account-api.ts';
import { templateMessage } from './template-message.ts';

/** WeChat's answers that decide where a message goes next (not our guess of the window). */
const windowClosed = new Set([45015, 45047]);
const notFollowing = new Set([43004, 48002]);
const apiLimited = new Set([45009, 45011]);

const noticeLinkDays = 30;

/**
 * Sends through a certified 服务号, by WeChat's rules for each member (OpenID): a 客服消息 while their
 * window is open and its count remains; otherwise the template message configured for the
 * message's kind, linking to the whole text; otherwise the message waits for the member's next
 * message (AwaitingInteractionError). An official account has no group chats and no remarks.
 */
export class OfficialAccountChatPort implements ChatPort {
  constructor(
    private readonly options: {
      api: Pick<OfficialAccountApi, 'sendText' | 'sendTemplate'>;
      windows: InteractionWindows;
      db: Db;
      config: Pick<Config, 'OA_TEMPLATES' | 'WEB_PORT' | 'WEB_HOST' | 'WEB_BASE_URL'>;
      now: () => Date;
    },
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    if (message.toGroup) throw new PermanentSendError('an official account has no group chats');
    const openId = message.conversationId;
    const { windows, now } = this.options;
    if (await windows.takeSend(openId, now())) {
      try {
        await this.options.api.sendText(openId, message.text);
        return;
      } catch (error) {
        if (!windowClosed.has(errcodeOf(error))) throw translate(error);
        await windows.close(openId);
      }
    }
    await this.sendTemplate(openId, message);
  }

  /** OpenIDs never change: nothing needs marking to be found again. */
  async setRemark(): Promise<void> {}

  private async sendTemplate(openId: string, message: OutgoingMessage): Promise<void> {
    const template = message.summary && templateMessage(this.options.config.OA_TEMPLATES, message.summary);
    if (!template) throw new AwaitingInteractionError('48-hour window closed and no template for this kind of message');
    const url = await this.noticeUrl(message);
    try {
      await this.options.api.sendTemplate(openId, { ...template, ...(url ? { url } : {}) });
    } catch (error) {
      // A template id the account does not have (40037): the operator's setting; the member can still be reached later.
      if (errcodeOf(error) === 40037) throw new AwaitingInteractionError('template not found on the official account (40037): check OA_TEMPLATES');
      throw translate(error);
    }
  }

  /** The whole text behind the template's summary, at /n/<token>; none when the console is off. */
  private async noticeUrl(message: OutgoingMessage): Promise<string | null> {
    const base = consoleBaseUrl(this.options.config);
    if (!base) return null;
    const expiresAt = message.summary?.expiresAt ?? new Date(this.options.now().getTime() + noticeLinkDays * 86_400_000);
    return `${base}/n/${await createNoticeLink(this.options.db, { text: message.text, expiresAt })}`;
  }
}

function errcodeOf(error: unknown): number {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' ? errcode : 0;
}

/** WeChat's error as the outbox understands it; anything else is retried as it is. */
function translate(error: unknown): unknown {
  const errcode = errcodeOf(error);
  const reason = `official account: errcode ${errcode}`;
  if (notFollowing.has(errcode)) return new UnreachableContactError(errcode === 43004 ? 'not following the official account (43004)' : 'refuses the official account\'s messages (48002)');
  if (apiLimited.has(errcode)) return new ThrottledSendError(reason);
  if (windowClosed.has(errcode)) return new AwaitingInteractionError(reason);
  return error;
}
