import type { Db } from '../../db/client.ts';
import { invitationText, noticeText } from './activity-text.ts';
import { discardBroadcastPreview, lockActivityNumbers } from '../broadcasts/discard-broadcast-preview.ts';
import type { SenderMember } from '../shared/sender.ts';

export type PreviewRequest =
  | { kind: 'INVITATION'; title: string; startsAt: Date; place: string; description: string | null; durationMinutes?: number }
  | { kind: 'NOTICE'; content: string };

/**
 * 活动 / 通知: writes the broadcast (and, for an invitation, its activity) as a preview for
 * the secretary's own organisation. Nothing is sent until they answer 确认.
 */
export async function createBroadcastPreview(
  db: Db,
  options: { secretary: SenderMember; targetTag: string | null; request: PreviewRequest; timeZone: string; /** 紧急: past the members' daily cap. */ urgent?: boolean },
): Promise<{ broadcastId: number; activityId: number | null; checkInCode: string | null; text: string; serviceMinutes: number }> {
  const { secretary, targetTag, request, timeZone, urgent = false } = options;
  // A new preview replaces any earlier one the secretary left unanswered.
  await discardBroadcastPreview(db, { secretaryId: secretary.id });
  return db.$transaction(async (tx) => {
    if (request.kind === 'NOTICE') {
      const text = noticeText(request.content);
      const broadcast = await tx.broadcast.create({
        data: { kind: 'NOTICE', organizationId: secretary.organizationId, targetTag, text, createdById: secretary.id, urgent },
        select: { id: true },
      });
      return { broadcastId: broadcast.id, activityId: null, checkInCode: null, text, serviceMinutes: 0 };
    }
    const { kind: _kind, ...details } = request;
    await lockActivityNumbers(tx);
    const activity = await tx.activity.create({
      data: { ...details, organizationId: secretary.organizationId, targetTag, createdById: secretary.id },
      select: { id: true, title: true, startsAt: true, place: true, description: true, checkInCode: true, durationMinutes: true, createdAt: true },
    });
    const text = invitationText(activity, timeZone);
    const broadcast = await tx.broadcast.create({
      data: {
        kind: 'INVITATION',
        organizationId: secretary.organizationId,
        activityId: activity.id,
        targetTag,
        text,
        createdById: secretary.id,
        urgent,
      },
      select: { id: true },
    });
    return { broadcastId: broadcast.id, activityId: activity.id, checkInCode: activity.checkInCode, text, serviceMinutes: activity.durationMinutes };
  });
}
