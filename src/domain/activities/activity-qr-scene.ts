import type { Db } from '../../db/client.ts';

/**
 * The scene an activity's QR code carries on the official account (QR_STR_SCENE): scanning it
 * on site is attendance. WeChat signs the scan event, so a scene cannot be typed or forged.
 */
export function activityScene(activityId: number): string {
  return `activity-${activityId}`;
}

export interface ScannedActivity {
  id: number;
  title: string;
  startsAt: Date;
  checkInCode: string;
  targetTag: string | null;
  organization: { name: string; path: string };
}

/** The open activity a scanned scene names; null for another scene, an unknown or a cancelled activity. */
export async function findScannedActivity(db: Db, scene: string): Promise<ScannedActivity | null> {
  const match = /^activity-(\d{1,9})$/.exec(scene);
  if (!match) return null;
  return db.activity.findFirst({
    where: { id: Number(match[1]), status: 'OPEN' },
    select: { id: true, title: true, startsAt: true, checkInCode: true, targetTag: true, organization: { select: { name: true, path: true } } },
  });
}
