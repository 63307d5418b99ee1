import type { Db } from '../../db/client.ts';

export interface ContactMove {
  from: string;
  to: string;
}

/**
 * Moves bound records to their new ids in one transaction (10,000 members come back at once after
 * a login). Not a move whose new id is bound to someone else, or claimed twice: not for a machine
 * to decide. A row for the new id without a member is the member writing before the re-link: a
 * stranger's, dropped. Returns the moves made.
 */
export async function moveContacts(db: Db, account: string, moves: ContactMove[]): Promise<ContactMove[]> {
  if (moves.length === 0) return [];
  const claims = new Map<string, number>();
  for (const move of moves) claims.set(move.to, (claims.get(move.to) ?? 0) + 1);
  const taken = await db.wechatContact.findMany({
    where: { id: { in: [...claims.keys()] }, OR: [{ memberId: { not: null } }, { speaksForId: { not: null } }] },
    select: { id: true },
  });
  const takenIds = new Set(taken.map((row) => row.id));
  const safe = moves.filter((move) => claims.get(move.to) === 1 && !takenIds.has(move.to));
  if (safe.length === 0) return [];
  const from = safe.map((move) => move.from);
  const to = safe.map((move) => move.to);
  await db.$transaction([
    db.wechatContact.deleteMany({ where: { id: { in: to }, memberId: null, speaksForId: null } }),
    db.$executeRaw`
      UPDATE "WechatContact" AS w SET id = m.to_id, account = ${account}
      FROM unnest(${from}::text[], ${to}::text[]) AS m(from_id, to_id) WHERE w.id = m.from_id`,
    db.$executeRaw`
      UPDATE "Delivery" AS d SET "conversationId" = m.to_id FROM unnest(${from}::text[], ${to}::text[]) AS m(from_id, to_id)
      WHERE d."conversationId" = m.from_id AND d.status = 'QUEUED'`,
  ]);
  return safe;
}
