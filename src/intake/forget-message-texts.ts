import type { Db } from '../db/client.ts';

/**
 * Forgets what members wrote once it is old: the text of inbound commands sent before the cutoff
 * becomes null. Who, when and which command stay (the silent-member care reads them).
 * Returns how many texts were forgotten.
 */
export async function forgetMessageTexts(db: Db, options: { sentBefore: Date }): Promise<number> {
  const { count } = await db.inboundMessage.updateMany({
    where: { text: { not: null }, sentAt: { lt: options.sentBefore } },
    data: { text: null },
  });
  return count;
}
