import QRCode from 'qrcode';
import { getActivityQrCode, type ActivityQrCode } from '../domain/activities/get-activity-qr-code.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { SafeHtml } from './html.ts';

export type ShownQrCode = { code: ActivityQrCode; svg: SafeHtml } | { failed: true } | null;

/**
 * An activity's attendance QR code, drawn as SVG here from the url WeChat returned — never by an
 * image service, which would see every code and fail on an intranet. Null off the official account,
 * for a cancelled activity and after its check-in window; `failed` when WeChat could not make one.
 */
export async function showActivityQrCode(deps: ConsoleDeps, activityId: number): Promise<ShownQrCode> {
  if (!deps.officialAccount) return null;
  try {
    const code = await getActivityQrCode(deps.db, {
      activityId,
      maker: deps.officialAccount,
      now: deps.now(),
      window: { closesMinutes: deps.config.ACTIVITY_CHECK_IN_CLOSES_MINUTES },
    });
    if (!code) return null;
    // The url is drawn as modules, not written as text: the SVG carries nothing to escape.
    const svg = await QRCode.toString(code.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return { code, svg: new SafeHtml(svg.replace('<svg ', '<svg role="img" aria-label="活动签到二维码" ')) };
  } catch (error) {
    deps.log.warn({ err: error, activityId }, 'could not make the activity QR code');
    return { failed: true };
  }
}
