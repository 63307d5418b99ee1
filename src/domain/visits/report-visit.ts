import type { Db } from '../../db/client.ts';
import { createRecoveryNotices } from '../care/create-recovery-notices.ts';
import { recordVisit } from './record-visit.ts';
import { visitKinds, whereaboutsInNote } from './visit-text.ts';

export interface ReportedVisit {
  /** The member was 疑似失联 and is not any more: their secretaries and contact person are told. */
  wasLost: boolean;
  /** A whereabouts read from the note, offered for 确认去向 (never set without it). */
  proposed: { residence: string; workplace: string | null } | null;
  /** Recovery notices to queue. */
  deliveryIds: number[];
}

/**
 * 走访 as the chat command and the console's form record it: the visit (recordVisit), a whereabouts
 * in the note offered for 确认去向, and the recovery notices when the member was 疑似失联.
 */
export async function reportVisit(
  db: Db,
  options: { member: { id: number; name: string }; carer: { id: number; name: string }; kindLabel: keyof typeof visitKinds; note: string; at: Date; timeZone: string },
): Promise<ReportedVisit> {
  const { member, carer, kindLabel, at } = options;
  const proposed = whereaboutsInNote(options.note);
  const visit = await recordVisit(db, { memberId: member.id, recordedById: carer.id, kind: visitKinds[kindLabel]!, note: options.note, at, proposed });
  const deliveryIds = visit.wasLost
    ? await createRecoveryNotices(db, {
        recovered: [{ id: member.id, name: member.name, organizationId: visit.organizationId, at, reachedBy: { memberId: carer.id, name: carer.name, how: kindLabel } }],
        timeZone: options.timeZone,
      })
    : [];
  return { wasLost: visit.wasLost, proposed, deliveryIds };
}
