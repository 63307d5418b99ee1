import type { Db } from '../../db/client.ts';

/** The remark is on the contact in WeChat: from now on it finds the member after a re-login. */
export async function confirmContactMarker(db: Db, options: { contactId: string; alias: string; at: Date }): Promise<void> {
  await db.wechatContact.updateMany({ where: { id: options.contactId, alias: options.alias }, data: { aliasSetAt: options.at } });
}
