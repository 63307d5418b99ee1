/** The longest 时长 an activity may credit: one day's service. */
const longestMinutes = 24 * 60;

export type DurationParse =
  | { ok: true; minutes: number | null; rest: string[] }
  | { ok: false; reason: string };

/**
 * Takes `时长 2小时` (or `时长2小时`, `时长 1.5小时`, `时长 90分钟`) out of an activity's words: the
 * service hours attendance credits. No 时长: minutes null (the default, 2 hours) and the words as they were.
 */
export function parseServiceDuration(tokens: string[]): DurationParse {
  const at = tokens.findIndex((token) => token.startsWith('时长'));
  if (at < 0) return { ok: true, minutes: null, rest: tokens };
  const joined = tokens[at] === '时长' ? `${tokens[at + 1] ?? ''}` : tokens[at]!.slice(2);
  const used = tokens[at] === '时长' ? 2 : 1;
  const match = /^(\d{1,2}(?:\.\d)?)(小时|h|分钟|min)$/i.exec(joined);
  const minutes = match ? Math.round(Number(match[1]) * (/^(分钟|min)$/i.test(match[2]!) ? 1 : 60)) : NaN;
  if (!(minutes > 0 && minutes <= longestMinutes)) {
    return { ok: false, reason: `时长写法不对，例如「时长 2小时」「时长 1.5小时」「时长 90分钟」（最长 24 小时）。` };
  }
  return { ok: true, minutes, rest: [...tokens.slice(0, at), ...tokens.slice(at + used)] };
}
