import type { Db } from '../../db/client.ts';

/** Remembers that a contact was asked to bind, so a group is not told again on every message. */
export async function recordBindPrompt(db: Db, options: { contactId: string; at: Date }): Promise<void> {
  await db.wechatContact.update({ where: { id: options.contactId }, data: { bindPromptedAt: options.at } });
}
