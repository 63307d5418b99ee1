import type { Db } from '../../db/client.ts';
import { activityScene } from './activity-qr-scene.ts';
import type { AttendanceWindow } from './attendance-book.ts';

/** The channel's QR codes (the official account's qrcode/create): a temporary code whose scan tells us `scene`. */
export interface QrCodeMaker {
  createQrCode(options: { scene: string; expireSeconds: number }): Promise<{ url: string; expiresAt: Date }>;
}

export interface ActivityQrCode {
  /** What the code encodes: draw it from this. */
  url: string;
  expiresAt: Date;
  /** The end of the check-in window: scans after it are not attendance. */
  closesAt: Date;
}

/** WeChat's longest temporary QR code: 30 days. */
const longestQrCodeSeconds = 30 * 24 * 3600;

/**
 * The attendance QR code of an open activity, made when missing: it expires at the end of the
 * check-in window, or in 30 days (WeChat's longest) for an activity further away — a code that will
 * not last the window is replaced when shown again once a new one would (so at most once a view
 * near the activity, never at every view). Null for an unknown, cancelled or unconfirmed activity and
 * once the window has closed. Two requests at once store one code: the later write is conditional on
 * the code it replaces, and its loser shows the winner's.
 */
export async function getActivityQrCode(
  db: Db,
  options: { activityId: number; maker: QrCodeMaker; now: Date; window: Pick<AttendanceWindow, 'closesMinutes'> },
): Promise<ActivityQrCode | null> {
  const { activityId, maker, now, window } = options;
  const select = { startsAt: true, status: true, qrCodeUrl: true, qrCodeExpiresAt: true } as const;
  const activity = await db.activity.findUnique({ where: { id: activityId }, select });
  if (!activity || activity.status !== 'OPEN') return null;
  const closesAt = new Date(activity.startsAt.getTime() + window.closesMinutes * 60_000);
  if (closesAt <= now) return null;
  const stored = storedCode(activity);
  const secondsToClose = Math.ceil((closesAt.getTime() - now.getTime()) / 1000);
  const renewalCoversWindow = secondsToClose <= longestQrCodeSeconds;
  if (stored && stored.expiresAt > now && (stored.expiresAt >= closesAt || !renewalCoversWindow)) return { ...stored, closesAt };

  const created = await maker.createQrCode({ scene: activityScene(activityId), expireSeconds: Math.min(secondsToClose, longestQrCodeSeconds) });
  const { count } = await db.activity.updateMany({
    where: { id: activityId, qrCodeUrl: activity.qrCodeUrl, qrCodeExpiresAt: activity.qrCodeExpiresAt },
    data: { qrCodeUrl: created.url, qrCodeExpiresAt: created.expiresAt },
  });
  if (count === 1) return { url: created.url, expiresAt: created.expiresAt, closesAt };
  const winner = storedCode(await db.activity.findUniqueOrThrow({ where: { id: activityId }, select }));
  return winner ? { ...winner, closesAt } : null;
}

function storedCode(activity: { qrCodeUrl: string | null; qrCodeExpiresAt: Date | null }): { url: string; expiresAt: Date } | null {
  return activity.qrCodeUrl && activity.qrCodeExpiresAt ? { url: activity.qrCodeUrl, expiresAt: activity.qrCodeExpiresAt } : null;
}
