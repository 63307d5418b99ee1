import { createBroadcastPreview } from '../../src/domain/activities/create-broadcast-preview.ts';
import { confirmBroadcastPreview } from '../../src/domain/broadcasts/confirm-broadcast-preview.ts';
import type { Harness } from './harness.ts';

/**
 * A 通知 to the secretary's branch, previewed, confirmed and queued as the secretary's 确认 would,
 * without a chat: for moments when the bot hears nothing (logged out).
 */
export async function queueNotice(h: Harness, secretaryId: number, content: string): Promise<void> {
  const secretary = await h.db.member.findUniqueOrThrow({ where: { id: secretaryId }, include: { organization: true } });
  await createBroadcastPreview(h.db, {
    secretary: { ...secretary, organizationPath: secretary.organization.path },
    targetTag: null,
    timeZone: h.config.APP_TIME_ZONE,
    request: { kind: 'NOTICE', content },
  });
  const confirmed = await confirmBroadcastPreview(h.db, { secretaryId, now: new Date() });
  if (confirmed.outcome !== 'confirmed') throw new Error(confirmed.outcome);
  await h.plugin.assistant!.jobContext.outbox.enqueueDeliveries(confirmed.deliveryIds);
}
