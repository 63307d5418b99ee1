import type { Db } from '../db/client.ts';

export interface InboundRecord {
  id: string;
  contactId: string;
  roomId: string | null;
  sentAt: Date;
  /** Set only for commands: ordinary chatter is recorded as who and when, never what. */
  command: string | null;
  text: string | null;
}

/**
 * Records a batch of inbound messages and returns the ids still to be processed: new ones,
 * and ones recorded by an earlier attempt that crashed before finishing. A message id seen
 * and processed before (a duplicate event) is not returned, so it is handled once.
 */
export async function claimInboundMessages(db: Db, records: InboundRecord[]): Promise<Set<string>> {
  await db.inboundMessage.createMany({ data: records, skipDuplicates: true });
  const pending = await db.inboundMessage.findMany({
    where: { id: { in: records.map((record) => record.id) }, processedAt: null },
    select: { id: true },
  });
  return new Set(pending.map((row) => row.id));
}
