import * as PUPPET from 'wechaty-puppet';
import { cutInboundText } from '../intake/cut-inbound-text.ts';
import type { InboundMessage } from '../intake/inbound-message.ts';
import type { Logger } from '../log.ts';

/**
 * Feeds chat messages to intake straight from the puppet's events: the raw payload is all
 * intake needs, so it does not wait for Wechaty to build a Message and load its room and
 * talker (see share-room-loads.ts for why that can be slow). Returns a function that stops listening.
 */
export function listenToPuppet(
  puppet: PUPPET.impls.PuppetInterface,
  options: { heardFrom: number; push: (message: InboundMessage) => void; log: Logger },
): () => void {
  const { heardFrom, push, log } = options;
  const onMessage = async ({ messageId }: PUPPET.payloads.EventMessage): Promise<void> => {
    try {
      const payload = await puppet.messagePayload(messageId);
      const message = toInboundMessage(payload, puppet.currentUserId);
      // Messages replayed from long before start-up were handled (or deliberately missed) already;
      // those stamped just before it are kept (InboundMessage ids tell a replay of a handled one).
      if (message && message.sentAt >= heardFrom) push(message);
    } catch (error) {
      log.error({ err: error, messageId }, 'could not read a message from the puppet');
    }
  };
  puppet.on('message', onMessage);
  return () => puppet.off('message', onMessage);
}

/** Null for the bot's own messages. */
export function toInboundMessage(payload: PUPPET.payloads.Message, selfId: string): InboundMessage | null {
  const contactId = payload.talkerId ?? (payload as { fromId?: string }).fromId;
  if (!contactId || contactId === selfId) return null;
  return {
    id: payload.id,
    contactId,
    ...(payload.roomId ? { roomId: payload.roomId } : {}),
    ...(payload.type === PUPPET.types.Message.Text && payload.text ? { text: cutInboundText(payload.text) } : {}),
    sentAt: toMilliseconds(payload.timestamp),
  };
}

/** Puppets stamp messages in seconds or milliseconds; Wechaty tells them apart the same way. */
function toMilliseconds(timestamp: number): number {
  return timestamp < 1e11 ? timestamp * 1000 : timestamp;
}
