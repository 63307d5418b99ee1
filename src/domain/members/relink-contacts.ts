import type { Db } from '../../db/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import { moveContacts, type ContactMove } from './move-contacts.ts';

/** A contact in the account's contact list after a login. */
export interface SeenContact {
  id: string;
  /** The remark (备注) the account keeps for it; '' if none. */
  alias: string;
  /** A stable WeChat handle, where the puppet offers one; '' if none. */
  handle: string;
}

/** A room the account is in after a login. */
export interface SeenRoom {
  id: string;
  topic: string;
  memberIds: string[];
}

export interface RelinkResult {
  contacts: number;
  groups: number;
  /** Records that matched more than one contact or room (or one taken): left as they were, for a person to decide. */
  ambiguous: { kind: 'contact' | 'group'; id: string; candidateIds: string[] }[];
}

/**
 * After a login that gave contacts and rooms new ids (web-protocol puppets do, every time):
 * moves each bound member's WeChat record to the contact carrying the remark the bot set (or the
 * same stable handle), with its history and its queued deliveries; and each linked group to the
 * room with the same topic that holds the most of its organisation's bound members. Never on a
 * display name, and never when two candidates are alike.
 * With several bot accounts, each surveys its own: records of another account are not touched;
 * records from before accounts were recorded are adopted by the account that sees them.
 */
export async function relinkContacts(
  db: Db,
  seen: { account: string; contacts: SeenContact[]; rooms: SeenRoom[] },
): Promise<RelinkResult> {
  const { account } = seen;
  const result: RelinkResult = { contacts: 0, groups: 0, ambiguous: [] };
  await adopt(db, account, seen);
  const seenIds = new Set(seen.contacts.map((contact) => contact.id));
  const byAlias = groupBy(seen.contacts.filter((contact) => contact.alias), (contact) => contact.alias);
  const byHandle = groupBy(seen.contacts.filter((contact) => contact.handle), (contact) => contact.handle);

  const bound = await db.wechatContact.findMany({
    where: {
      AND: [
        { OR: [{ memberId: { not: null } }, { speaksForId: { not: null } }] },
        { OR: [{ account }, { account: null }] },
        { OR: [{ aliasSetAt: { not: null } }, { handle: { not: null } }] },
      ],
    },
    select: { id: true, alias: true, aliasSetAt: true, handle: true, account: true },
  });
  const moves: ContactMove[] = [];
  for (const row of bound) {
    if (seenIds.has(row.id)) continue;
    // A remark is the account's own; a handle is seen by every account, so only this account's records go by it.
    const byOwnHandle = row.handle && row.account === account ? byHandle.get(row.handle) : undefined;
    const candidates = (row.alias && row.aliasSetAt ? byAlias.get(row.alias) : undefined) ?? byOwnHandle ?? [];
    if (candidates.length === 1) moves.push({ from: row.id, to: candidates[0]!.id });
    else if (candidates.length > 1) result.ambiguous.push({ kind: 'contact', id: row.id, candidateIds: candidates.map((c) => c.id) });
  }
  const moved = await moveContacts(db, account, moves);
  result.contacts = moved.length;
  const movedFrom = new Set(moved.map((move) => move.from));
  for (const move of moves) if (!movedFrom.has(move.from)) result.ambiguous.push({ kind: 'contact', id: move.from, candidateIds: [move.to] });
  await recordHandles(db, seen.contacts);

  const groups = await db.chatGroup.findMany({
    where: { organizationId: { not: null }, OR: [{ account }, { account: null }] },
    select: { id: true, topic: true, organization: { select: { path: true } } },
  });
  const roomIds = new Set(seen.rooms.map((room) => room.id));
  const linkedIds = new Set(groups.map((group) => group.id));
  const boundMembers = await db.wechatContact.findMany({
    where: { OR: [{ memberId: { not: null } }, { speaksForId: { not: null } }] },
    select: { id: true, member: { select: { organization: { select: { path: true } } } }, speaksFor: { select: { organization: { select: { path: true } } } } },
  });
  for (const group of groups) {
    if (roomIds.has(group.id) || !group.topic || !group.organization) continue;
    const groupPath = group.organization.path;
    const ownMembers = new Set(
      boundMembers
        .filter((contact) => {
          const member = contact.member ?? contact.speaksFor;
          return member && isWithinOrganization(member.organization.path, groupPath);
        })
        .map((contact) => contact.id),
    );
    const scored = seen.rooms
      .filter((room) => room.topic === group.topic && !linkedIds.has(room.id))
      .map((room) => ({ room, overlap: room.memberIds.filter((id) => ownMembers.has(id)).length }))
      .filter(({ overlap }) => overlap > 0)
      .sort((a, b) => b.overlap - a.overlap);
    const [best, next] = scored;
    if (!best) continue;
    if ((next && next.overlap === best.overlap) || !(await moveGroup(db, account, group.id, best.room.id))) {
      result.ambiguous.push({ kind: 'group', id: group.id, candidateIds: scored.map(({ room }) => room.id) });
      continue;
    }
    linkedIds.add(best.room.id);
    result.groups += 1;
  }
  await recordTopics(db, seen.rooms);
  return result;
}

async function moveGroup(db: Db, account: string, fromId: string, toId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.chatGroup.findUnique({ where: { id: toId }, select: { organizationId: true } });
    if (existing?.organizationId) return false;
    if (existing) await tx.chatGroup.delete({ where: { id: toId } });
    // Check-ins follow the group (their foreign key cascades on update).
    await tx.chatGroup.update({ where: { id: fromId }, data: { id: toId, account } });
    await tx.delivery.updateMany({ where: { conversationId: fromId, status: 'QUEUED' }, data: { conversationId: toId } });
    return true;
  });
}

/** Bound contacts and linked groups recorded before accounts were: theirs is the account that sees them. */
async function adopt(db: Db, account: string, seen: { contacts: SeenContact[]; rooms: SeenRoom[] }): Promise<void> {
  const contactIds = seen.contacts.map((contact) => contact.id);
  const roomIds = seen.rooms.map((room) => room.id);
  await db.wechatContact.updateMany({ where: { id: { in: contactIds }, account: null, memberId: { not: null } }, data: { account } });
  await db.chatGroup.updateMany({ where: { id: { in: roomIds }, account: null, organizationId: { not: null } }, data: { account } });
}

/** Stable handles of bound contacts, for the next re-login. */
async function recordHandles(db: Db, contacts: SeenContact[]): Promise<void> {
  const withHandle = contacts.filter((contact) => contact.handle);
  if (withHandle.length === 0) return;
  await db.$executeRaw`
    UPDATE "WechatContact" AS w SET handle = s.handle
    FROM unnest(${withHandle.map((contact) => contact.id)}::text[], ${withHandle.map((contact) => contact.handle)}::text[]) AS s(id, handle)
    WHERE w.id = s.id AND w."memberId" IS NOT NULL AND w.handle IS DISTINCT FROM s.handle`;
}

/** Topics of the linked groups as they are now, for the next re-login. */
async function recordTopics(db: Db, rooms: SeenRoom[]): Promise<void> {
  if (rooms.length === 0) return;
  await db.$executeRaw`
    UPDATE "ChatGroup" AS g SET topic = s.topic
    FROM unnest(${rooms.map((room) => room.id)}::text[], ${rooms.map((room) => room.topic)}::text[]) AS s(id, topic)
    WHERE g.id = s.id AND g.topic IS DISTINCT FROM s.topic`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
