import type * as PUPPET from 'wechaty-puppet';
import type { Db } from '../db/client.ts';
import { relinkContacts, type RelinkResult, type SeenContact, type SeenRoom } from '../domain/members/relink-contacts.ts';

/** Payload reads in flight at once: the puppet answers from its cache, but not without limit. */
const concurrency = 50;

/**
 * Reads the account's contacts and rooms from the puppet and re-links members and groups whose
 * ids changed (see relinkContacts); it also records handles and room topics for the next time.
 * Run after every login, before the outbox resumes, and now and then in between.
 */
export async function surveyContacts(puppet: PUPPET.impls.PuppetInterface, db: Db, account: string): Promise<RelinkResult> {
  const contactIds = await puppet.contactList();
  const contacts = await mapLimited(contactIds, async (id): Promise<SeenContact | null> => {
    const payload = await puppet.contactPayload(id).catch(() => null);
    return payload ? { id, alias: payload.alias ?? '', handle: payload.handle ?? payload.weixin ?? '' } : null;
  });
  const roomIds = await puppet.roomList();
  const rooms = await mapLimited(roomIds, async (id): Promise<SeenRoom | null> => {
    const payload = await puppet.roomPayload(id).catch(() => null);
    return payload ? { id, topic: payload.topic, memberIds: payload.memberIdList } : null;
  });
  return relinkContacts(db, { account, contacts: contacts.filter((c) => c !== null), rooms: rooms.filter((r) => r !== null) });
}

async function mapLimited<T, R>(items: T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += concurrency) {
    results.push(...(await Promise.all(items.slice(start, start + concurrency).map(map))));
  }
  return results;
}
