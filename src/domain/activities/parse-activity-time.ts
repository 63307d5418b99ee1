/**
 * Reads the start time of an activity from a bot message such as
 * 「活动 十二月主题党日 12月1日14:30 祁连路社区党群服务中心 学习全会精神」.
 *
 * A token is [date][period][clock], read after NFKC (full-width digits and colons work);
 * day, month and hour numbers may be Chinese numerals (十二月一日, 下午三点, 两点半).
 *   date:   2026-12-01  2026/12/1  12/1  2026年12月1日  12月1日  12月1号
 *           今天 今日 明天 明日 后天 大后天, and 今/明 joined to a period: 今晚 今早 明早 明晚
 *           周六 星期六 礼拜六 (周日 = 周天), 下周六 下个星期六 (next calendar week, weeks start Monday),
 *           本周日 这周日 这个礼拜日 (this calendar week)
 *   period: 凌晨 早上 早晨 早 上午 中午 下午 傍晚 晚上 晚
 *   clock:  14:30  3点  3时  3点半  3点整  3点一刻  3点15  3点15分
 *   2026-12-01T14:30 is one token; findActivityTime also joins a date token with the clock
 *   token after it (「2026-12-01 14:30」「12月1日 下午2点半」「明天 3点」).
 * Rules:
 *   - no date means today; a date without a clock asks for the hour;
 *   - 点 hours without a period: 1–6 are ambiguous (凌晨 or 下午?), 0 and 7–23 are read as
 *     written (7点 = 07:00, 12点 = 12:00); colon clocks (3:00, 14:30) are always 24-hour;
 *   - a plain weekday is the next such day (today if that time is still ahead);
 *   - a month/day without a year is this year's, or next year's once this year's is more than
 *     RECENT_PAST_DAYS behind (so 1月5日 in late December is next January, while a date
 *     of last week is reported as past instead of silently moving a year ahead);
 *   - the wall clock is read in `timeZone`, whatever the machine's zone; times before `now` fail,
 *     and so do times more than a year after it (9999-12-31 is a typo, not a plan).
 */
import { addDays, dayToDate, localDay, zonedTime } from '../shared/local-day.ts';
import { isSpace, trimCharacters } from '../shared/trim-characters.ts';

export type ParseActivityTimeResult =
  | { ok: true; startsAt: Date; /** the matched text, exactly as it appears in the input */ matched: string }
  | { ok: false; reason: string };

export type FindActivityTimeResult =
  | { ok: true; startsAt: Date; /** index of the (first) time token */ index: number; /** tokens used: 1, or 2 for 「日期 时间」 */ consumed: 1 | 2 }
  | { ok: false; reason: string };

export interface ActivityTimeOptions {
  now: Date;
  /** IANA zone the wall-clock time is meant in, e.g. Asia/Shanghai. */
  timeZone: string;
}

/** Reads one whitespace-free token (surrounding punctuation such as 「，」 is ignored). */
export function parseActivityTime(text: string, options: ActivityTimeOptions): ParseActivityTimeResult {
  const token = readToken(text);
  if (!token.parts) return { ok: false, reason: token.matched ? notUnderstood(token.matched) : MISSING_TIME };
  const result = resolve(token.parts, token.matched, options);
  return result.ok ? { ok: true, startsAt: result.startsAt, matched: token.matched } : result;
}

/**
 * Finds the activity time among a message's tokens: the first token (or date token + clock
 * token) that reads as a valid time. When none does, the reason comes from the first token
 * that reads as a time but is wrong (13月40日, 明天3点, a past date), else from the first
 * that merely resembles one (下下周), else it says the time is missing.
 */
export function findActivityTime(tokens: string[], options: ActivityTimeOptions): FindActivityTimeResult {
  let problem: string | undefined;
  let resemblance: string | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const here = readToken(tokens[index] ?? '');
    const next = index + 1 < tokens.length ? readToken(tokens[index + 1] ?? '') : undefined;
    if (here.parts && next?.parts && canJoin(here.parts, next.parts)) {
      const result = resolve(join(here.parts, next.parts), `${here.matched} ${next.matched}`, options);
      if (result.ok) return { ok: true, startsAt: result.startsAt, index, consumed: 2 };
      problem ??= result.reason;
      index++; // the clock belongs to this date: it must not be read again as a time today
      continue;
    }
    if (!here.parts) {
      if (TIME_RESEMBLANCE.test(here.normalised)) resemblance ??= notUnderstood(here.matched);
      continue;
    }
    const result = resolve(here.parts, here.matched, options);
    if (result.ok) return { ok: true, startsAt: result.startsAt, index, consumed: 1 };
    problem ??= result.reason;
  }
  return { ok: false, reason: problem ?? resemblance ?? MISSING_TIME };
}

// ---------------------------------------------------------------------------------------------
// Reasons

const EXAMPLES = '「12月1日14:30」或「明天下午3点」';
const MISSING_TIME = `没有找到活动时间，请写上时间，例如${EXAMPLES}。`;
const notUnderstood = (quoted: string) => `我没看懂时间「${quoted}」，请写成${EXAMPLES}。`;
const missingHour = (quoted: string, example: string) => `「${quoted}」没有写几点，请写上几点，例如「${example}」。`;
const badDate = (quoted: string) => `「${quoted}」里的日期不存在，请检查是几月几日。`;
const badClock = (quoted: string) => `「${quoted}」里的钟点不对，请写成「14:30」或「下午2点半」这样的时间。`;
const past = (quoted: string) => `时间「${quoted}」已经过去了，请确认日期。`;
const tooFar = (quoted: string) => `时间「${quoted}」太远了：活动时间须在一年内，请确认日期。`;

function ambiguous(quoted: string, parts: TimeParts, clock: Clock): string {
  const { hour, minute } = clock;
  const prefix = parts.dateText;
  return (
    `「${quoted}」是凌晨${hour}点还是下午${hour}点？` +
    `请写成「${prefix}下午${clock.text}」或「${prefix}${hour + 12}:${pad(minute)}」。`
  );
}

// ---------------------------------------------------------------------------------------------
// Reading a token into parts (structure only; whether the values make sense is checked later)

type DateSpec =
  | { kind: 'calendar'; year?: number; month: number; day: number }
  | { kind: 'relative'; days: number }
  | { kind: 'weekday'; /** 1 = Monday … 7 = Sunday */ weekday: number; week: 'coming' | 'this' | 'next' };

interface Clock {
  hour: number;
  minute: number;
  /** 14:30 style, always read as 24-hour. */
  colon: boolean;
  text: string;
}

interface Period {
  word: string;
  /** The 24-hour hour for an hour said with this word, or null when they don't fit together. */
  toHour: (hour: number) => number | null;
  /** A clock to suggest after the word when the hour is missing. */
  example: string;
}

interface TimeParts {
  date?: DateSpec;
  /** The date as written (after NFKC), to build suggestions from. */
  dateText: string;
  period?: Period;
  clock?: Clock;
}

interface Token {
  /** The token without surrounding whitespace and punctuation, as written. */
  matched: string;
  normalised: string;
  parts: TimeParts | null;
}

const edgePunctuation = new Set([...',.;!?，。、；！？']);
const isEdge = (char: string) => edgePunctuation.has(char) || isSpace(char);

function readToken(text: string): Token {
  const matched = trimCharacters(text, isEdge);
  const normalised = matched.normalize('NFKC');
  return { matched, normalised, parts: readParts(normalised) };
}

function readParts(text: string): TimeParts | null {
  const date = readDate(text);
  let rest = text.slice(date?.text.length ?? 0);
  if (date) rest = rest.replace(/^[Tt](?=\d)/, ''); // 2026-12-01T14:30
  const period = PERIODS.find((candidate) => rest.startsWith(candidate.word));
  if (period) rest = rest.slice(period.word.length);
  const clock = rest ? readClock(rest) : undefined;
  if (clock === null || (!date && !clock)) return null;
  return { date: date?.spec, dateText: date?.text ?? '', period, clock };
}

/** A day, month or hour number: digits, or Chinese numerals up to 九十九. */
const NUMBER = '(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';
const NUMERIC_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/;
const SLASH_MONTH_DAY = /^(\d{1,2})\/(\d{1,2})(?![\d/:])/;
const CHINESE_DATE = new RegExp(`^(?:(\\d{4}|[零〇一二三四五六七八九]{4})年)?${NUMBER}月${NUMBER}[日号]`);
const RELATIVE_DAY = /^(?:大后天|后天|今天|今日|明天|明日|今(?=[早晚])|明(?=[早晚]))/;
const RELATIVE_DAYS: Record<string, number> = { 今: 0, 明: 1, 后: 2, 大: 3 };
const WEEKDAY = /^(下个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天1-6])/;

function readDate(text: string): { spec: DateSpec; text: string } | undefined {
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) return calendar(numeric[0], numeric[1], numeric[2], numeric[3]);
  const slash = SLASH_MONTH_DAY.exec(text);
  if (slash) return calendar(slash[0], undefined, slash[1], slash[2]);
  const chinese = CHINESE_DATE.exec(text);
  if (chinese) return calendar(chinese[0], chinese[1], chinese[2], chinese[3]);
  const relative = RELATIVE_DAY.exec(text)?.[0];
  if (relative) return { text: relative, spec: { kind: 'relative', days: RELATIVE_DAYS[relative.charAt(0)] ?? 0 } };
  const weekday = WEEKDAY.exec(text);
  if (weekday) {
    const [written, prefix, day = ''] = weekday;
    const week = !prefix ? 'coming' : prefix.startsWith('下') ? 'next' : 'this';
    return { text: written, spec: { kind: 'weekday', weekday: day === '日' || day === '天' ? 7 : toNumber(day), week } };
  }
  return undefined;
}

function calendar(text: string, year: string | undefined, month = '', day = ''): { spec: DateSpec; text: string } {
  return {
    text,
    spec: { kind: 'calendar', year: year === undefined ? undefined : toNumber(year), month: toNumber(month), day: toNumber(day) },
  };
}

const COLON_CLOCK = /^(\d{1,2}):(\d{2})$/;
const CHINESE_CLOCK = new RegExp(
  `^${NUMBER}[点时](?:(?<half>半)|整|(?<quarters>[1一3三])刻|(?<minutes>\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})分?)?$`,
);

function readClock(text: string): Clock | null {
  const colon = COLON_CLOCK.exec(text);
  if (colon) return { hour: toNumber(colon[1] ?? ''), minute: toNumber(colon[2] ?? ''), colon: true, text };
  const chinese = CHINESE_CLOCK.exec(text);
  if (!chinese) return null;
  const { half, quarters, minutes } = chinese.groups ?? {};
  const minute = half ? 30 : quarters ? 15 * toNumber(quarters) : minutes ? toNumber(minutes) : 0;
  return { hour: toNumber(chinese[1] ?? ''), minute, colon: false, text };
}

const morning = (hour: number) => (inRange(hour, 0, 12) ? hour : null);
const afternoon = (hour: number) => (inRange(hour, 1, 11) ? hour + 12 : inRange(hour, 12, 23) ? hour : null);
const evening = (hour: number) => (inRange(hour, 5, 11) ? hour + 12 : inRange(hour, 17, 23) ? hour : null);
const noon = (hour: number) => (inRange(hour, 11, 14) ? hour : inRange(hour, 1, 2) ? hour + 12 : null);

/** Longer words first, so 早上 is not read as 早 + 上. */
const PERIODS: Period[] = [
  { word: '凌晨', toHour: (hour) => (inRange(hour, 0, 5) ? hour : null), example: '5点' },
  ...['早上', '早晨', '上午', '早'].map((word) => ({ word, toHour: morning, example: '9点' })),
  { word: '中午', toHour: noon, example: '12点' },
  ...['下午', '傍晚'].map((word) => ({ word, toHour: afternoon, example: '3点' })),
  ...['晚上', '晚'].map((word) => ({ word, toHour: evening, example: '8点' })),
];

/** Tokens that look like an attempt at a time even though they don't read as one (下下周, 12月1). */
const DIGIT = '[\\d零〇一二两三四五六七八九十]';
const TIME_RESEMBLANCE = new RegExp(
  `^(?:\\d{4}[-/年]|${DIGIT}{1,3}月${DIGIT}|\\d{1,2}[:/]\\d|${DIGIT}{1,3}[点时]|[今明后]天|[今明][日早晚]|大后天|` +
    `[下本这]+个?(?:周|星期|礼拜)|(?:周|星期|礼拜)[一二三四五六日天\\d]|(?:凌晨|早上|上午|中午|下午|傍晚|晚上)${DIGIT})`,
);

/** A date-only token followed by a clock-only token: 「12月1日 14:30」, 「今晚 8点」. */
function canJoin(first: TimeParts, second: TimeParts): boolean {
  return !!first.date && !first.clock && !second.date && !!second.clock && !(first.period && second.period);
}

function join(first: TimeParts, second: TimeParts): TimeParts {
  return { date: first.date, dateText: first.dateText, period: first.period ?? second.period, clock: second.clock };
}

// ---------------------------------------------------------------------------------------------
// Turning parts into an instant

const RECENT_PAST_DAYS = 30;
/** The furthest ahead an activity may be: a year (366 days, so the same date next year is accepted). */
const MAX_AHEAD_MS = 366 * 24 * 3600_000;

function resolve(
  parts: TimeParts,
  quoted: string,
  { now, timeZone }: ActivityTimeOptions,
): { ok: true; startsAt: Date } | { ok: false; reason: string } {
  const { date, period, clock } = parts;
  const day = resolveDay(date ?? { kind: 'relative', days: 0 }, localDay(now, timeZone));
  if (!day) return { ok: false, reason: badDate(quoted) };
  if (!clock) return { ok: false, reason: missingHour(quoted, `${parts.dateText}${period ? period.word + period.example : '14:30'}`) };

  const hour = dayHour(clock, period);
  if (hour === 'ambiguous') return { ok: false, reason: ambiguous(quoted, parts, clock) };
  if (hour === null || !inRange(clock.minute, 0, 59)) return { ok: false, reason: badClock(quoted) };

  let startsAt = zonedTime(day, hour, clock.minute, timeZone);
  // A plain weekday naming today, at a time already gone, means that weekday next week.
  if (date?.kind === 'weekday' && date.week === 'coming' && startsAt.getTime() < now.getTime()) {
    startsAt = zonedTime(addDays(day, 7), hour, clock.minute, timeZone);
  }
  if (startsAt.getTime() < now.getTime()) return { ok: false, reason: past(quoted) };
  if (startsAt.getTime() > now.getTime() + MAX_AHEAD_MS) return { ok: false, reason: tooFar(quoted) };
  return { ok: true, startsAt };
}

function dayHour(clock: Clock, period: Period | undefined): number | 'ambiguous' | null {
  if (period) return period.toHour(clock.hour);
  if (!clock.colon && inRange(clock.hour, 1, 6)) return 'ambiguous';
  return inRange(clock.hour, 0, 23) ? clock.hour : null;
}

/** The local day (YYYY-MM-DD) a date means, seen from `today`; null when no such day exists. */
function resolveDay(spec: DateSpec, today: string): string | null {
  switch (spec.kind) {
    case 'relative':
      return addDays(today, spec.days);
    case 'weekday': {
      const todayWeekday = dayToDate(today).getUTCDay() || 7;
      if (spec.week === 'coming') return addDays(today, (spec.weekday - todayWeekday + 7) % 7);
      const monday = addDays(today, 1 - todayWeekday + (spec.week === 'next' ? 7 : 0));
      return addDays(monday, spec.weekday - 1);
    }
    case 'calendar': {
      const { month, day } = spec;
      const thisYear = Number(today.slice(0, 4));
      const longGone = formatDay(thisYear, month, day) < addDays(today, -RECENT_PAST_DAYS);
      const year = spec.year ?? (longGone ? thisYear + 1 : thisYear);
      return isRealDay(year, month, day) ? formatDay(year, month, day) : null;
    }
  }
}

function isRealDay(year: number, month: number, day: number): boolean {
  return (
    inRange(year, 1000, 9999) &&
    inRange(month, 1, 12) &&
    inRange(day, 1, new Date(Date.UTC(year, month, 0)).getUTCDate())
  );
}


// ---------------------------------------------------------------------------------------------
// Small helpers

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads 12, 十二, 二十一, 三十, 零五 or 二〇二六; NaN when it is no number. */
function toNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const [tens = '', ones, ...more] = text.split('十');
  const digit = (char: string) => CHINESE_DIGITS[char] ?? Number.NaN;
  if (ones === undefined) return text ? Number([...text].map((char) => digit(char)).join('')) : Number.NaN;
  if (more.length > 0 || tens.length > 1 || ones.length > 1) return Number.NaN;
  return (tens ? digit(tens) : 1) * 10 + (ones ? digit(ones) : 0);
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function formatDay(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}
