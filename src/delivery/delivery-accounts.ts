import type { Db } from '../db/client.ts';

/**
 * The bot account that sends each delivery: the one its member is bound through, or the one in
 * its group. Deliveries of a single-account deployment (no account recorded) are left out.
 */
export async function findDeliveryAccounts(db: Db, deliveryIds: number[]): Promise<Map<number, string>> {
  if (deliveryIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: number; account: string | null }[]>`
    SELECT d.id, coalesce(w.account, g.account) AS account
    FROM "Delivery" d
    LEFT JOIN "WechatContact" w ON w.id = d."conversationId"
    LEFT JOIN "ChatGroup" g ON g.id = d."conversationId"
    WHERE d.id = ANY(${deliveryIds}::int[])`;
  return new Map(rows.flatMap((row) => (row.account ? [[row.id, row.account] as const] : [])));
}
