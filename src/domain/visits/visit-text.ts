import type { VisitKind } from '../../generated/prisma/client.ts';

/** 走访's ways of reaching a member, as secretaries write them. */
export const visitKinds: Readonly<Record<string, VisitKind>> = { 电话: 'PHONE', 视频: 'VIDEO', 上门: 'HOME', 微信: 'WECHAT', 家属: 'FAMILY' };

export const visitKindLabels: Readonly<Record<VisitKind, string>> = { PHONE: '电话', VIDEO: '视频', HOME: '上门', WECHAT: '微信', FAMILY: '家属' };

/** 走访's text: `张三 电话 已联系上…` → the member as named, the way they were reached, the note. */
export function parseVisitText(text: string): { named: string; kind: string; note: string } | null {
  // Word by word: the pattern `^(.+?)\s+(电话|…)` retried from every space of a long run.
  const words = text.trim().split(/\s+/);
  const at = words.findIndex((word, index) => index > 0 && Object.hasOwn(visitKinds, word));
  if (at < 0) return null;
  return { named: words.slice(0, at).join(' '), kind: words[at]!, note: words.slice(at + 1).join(' ') };
}

/** Words that start a job after the place: 在格尔木跑运输 → 格尔木 / 跑运输. */
const workVerbs = '跑|做|打工|务工|开|从事|干|送|上班|工作|经商|当|搞';

/**
 * A whereabouts mentioned in a visit's note (在格尔木跑运输, 在西宁市城北区), to offer for 确认去向 —
 * never to set without it. Null when the note names none.
 */
export function whereaboutsInNote(note: string): { residence: string; workplace: string | null } | null {
  const withWork = new RegExp(`在([^\\s，,。；;、]{2,12}?)((?:${workVerbs})[^\\s，,。；;、]{0,20})`).exec(note);
  if (withWork) return { residence: withWork[1]!, workplace: withWork[2]! };
  const placeOnly = /在([^\s，,。；;、]{1,12}?[省市县区州镇乡])/.exec(note);
  return placeOnly ? { residence: placeOnly[1]!, workplace: null } : null;
}
