import { cutInboundText } from '../intake/cut-inbound-text.ts';
import type { InboundMessage } from '../intake/inbound-message.ts';

const scenePrefix = 'qrscene_';

/**
 * A callback's fields as an intake message, or null for what nothing should record (VIEW,
 * LOCATION, TEMPLATESENDJOBFINISH, unknown events, a body without sender or time).
 * FromUserName (the OpenID) is the contact. Messages keep WeChat's MsgId; events have none, so
 * their id is sender + CreateTime + event: WeChat retries an event up to 3 times when we are
 * slow, and intake drops the repeated id. A menu click is its key as typed text.
 */
export function toInboundMessage(fields: ReadonlyMap<string, string>): InboundMessage | null {
  const contactId = fields.get('FromUserName');
  const createTime = fields.get('CreateTime');
  if (!contactId || !createTime || !/^\d{1,12}$/.test(createTime)) return null;
  const sentAt = Number(createTime) * 1000;
  const eventId = (event: string) => `${contactId}-${createTime}-${event}`;

  if (fields.get('MsgType') !== 'event') {
    const id = fields.get('MsgId');
    if (!id) return null;
    return fields.get('MsgType') === 'text' ? { id, contactId, text: cutInboundText(fields.get('Content') ?? ''), sentAt } : { id, contactId, sentAt };
  }

  const key = fields.get('EventKey') ?? '';
  switch (fields.get('Event')?.toLowerCase()) {
    case 'subscribe': {
      const scene = key.startsWith(scenePrefix) ? key.slice(scenePrefix.length) : '';
      return { id: eventId('subscribe'), contactId, sentAt, event: scene ? { kind: 'follow', scene } : { kind: 'follow' } };
    }
    case 'unsubscribe':
      return { id: eventId('unsubscribe'), contactId, sentAt, event: { kind: 'unfollow' } };
    case 'scan':
      return { id: eventId('scan'), contactId, sentAt, event: { kind: 'scan', scene: key } };
    case 'click':
      return key ? { id: eventId('click'), contactId, text: key, sentAt, event: { kind: 'click' } } : null;
    default:
      return null;
  }
}
