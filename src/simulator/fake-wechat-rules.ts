/** WeChat's errmsg for each errcode the fake answers with (WeChat appends a request id, as the fake does). */
export const errmsgs: Record<number, string> = {
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43004: 'require subscribe',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  47001: 'data format error',
  48001: 'api unauthorized',
  48002: 'api forbidden for policy',
};

/** The longest a temporary QR code lives: 30 days. */
export const qrMaxExpireSeconds = 2_592_000;

/** errcode of a qrcode/create body (0: valid). Only temporary codes with a string scene are modelled. */
export function qrCodeErrcode(body: Record<string, unknown>): number {
  if (body.action_name !== 'QR_STR_SCENE') return 40097;
  const seconds = body.expire_seconds ?? 60;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > qrMaxExpireSeconds) return 40097;
  const scene = sceneOf(body);
  return scene !== undefined && scene.length >= 1 && scene.length <= 64 ? 0 : 40097;
}

export function sceneOf(body: Record<string, unknown>): string | undefined {
  const info = body.action_info as { scene?: { scene_str?: unknown } } | undefined;
  const scene = info?.scene?.scene_str;
  return typeof scene === 'string' ? scene : undefined;
}

interface Limits {
  nameBytes: number;
  codes: { type: number; name: number; key: number; url: number };
}
const topLimits: Limits = { nameBytes: 16, codes: { type: 40017, name: 40018, key: 40019, url: 40020 } };
const subLimits: Limits = { nameBytes: 60, codes: { type: 40024, name: 40025, key: 40026, url: 40027 } };
/** Button types that send their key to the callback (click and the scan / photo / location pickers). */
const keyTypes = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select']);

/** errcode of a menu/create body (0: valid): 1–3 buttons, at most 5 sub-buttons, names of 16 / 60 bytes, keys of 128. */
export function menuErrcode(menu: unknown): number {
  const buttons = (menu as { button?: unknown })?.button;
  if (!Array.isArray(buttons)) return 47001;
  if (buttons.length < 1 || buttons.length > 3) return 40016;
  for (const button of buttons as Record<string, unknown>[]) {
    const subButtons = button.sub_button;
    const hasSubMenu = Array.isArray(subButtons) && subButtons.length > 0;
    const errcode = hasSubMenu ? subMenuErrcode(button, subButtons) : actionErrcode(button, topLimits);
    if (errcode) return errcode;
  }
  return 0;
}

function subMenuErrcode(button: Record<string, unknown>, subButtons: Record<string, unknown>[]): number {
  if (!nameFits(button.name, topLimits)) return topLimits.codes.name;
  if (subButtons.length > 5) return 40023;
  for (const sub of subButtons) {
    const errcode = actionErrcode(sub, subLimits);
    if (errcode) return errcode;
  }
  return 0;
}

function actionErrcode(button: Record<string, unknown>, limits: Limits): number {
  if (!nameFits(button.name, limits)) return limits.codes.name;
  if (typeof button.type === 'string' && keyTypes.has(button.type)) return bytesWithin(button.key, 128) ? 0 : limits.codes.key;
  if (button.type === 'view') return bytesWithin(button.url, 1024) ? 0 : limits.codes.url;
  return limits.codes.type;
}

function nameFits(name: unknown, limits: Limits): boolean {
  return bytesWithin(name, limits.nameBytes);
}

function bytesWithin(text: unknown, maxBytes: number): boolean {
  return typeof text === 'string' && text.length > 0 && Buffer.byteLength(text, 'utf8') <= maxBytes;
}
