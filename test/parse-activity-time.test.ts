import { describe, it, expect } from 'vitest';
import { findActivityTime, parseActivityTime } from '../src/domain/activities/parse-activity-time.ts';
import { formatActivityTime } from '../src/domain/activities/activity-text.ts';

// Wednesday 2026-11-25 10:00 in Shanghai.
const options = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Shanghai' };

/** Shanghai wall-clock time as the UTC ISO string of that instant (Shanghai is UTC+8, no DST). */
function shanghai(wall: string): string {
  return new Date(`${wall}:00+08:00`).toISOString();
}

function startsAt(text: string, opts = options): string {
  const result = parseActivityTime(text, opts);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result.startsAt.toISOString();
}

function reason(text: string, opts = options): string {
  const result = parseActivityTime(text, opts);
  if (result.ok) throw new Error(`${text} unexpectedly read as ${result.startsAt.toISOString()}`);
  return result.reason;
}

/** Accepted forms: token → Shanghai wall-clock start. */
const FORMS: Record<string, [text: string, wall: string][]> = {
  'calendar dates': [
    ['12月1日14:30', '2026-12-01T14:30'],
    ['12月1号14:30', '2026-12-01T14:30'],
    ['十二月一日14:30', '2026-12-01T14:30'],
    ['十二月三十一日下午三点', '2026-12-31T15:00'],
    ['12月1日下午2点半', '2026-12-01T14:30'],
    ['12月1日14点', '2026-12-01T14:00'],
    ['12月1日14时30分', '2026-12-01T14:30'],
    ['１２月１日１４：３０', '2026-12-01T14:30'],
    ['2026-12-01T14:30', '2026-12-01T14:30'],
    ['2026年12月1日14:30', '2026-12-01T14:30'],
    ['二〇二七年一月五日上午9点', '2027-01-05T09:00'],
  ],
  'relative days': [
    ['今天下午3点', '2026-11-25T15:00'],
    ['明天下午3点', '2026-11-26T15:00'],
    ['明天下午三点', '2026-11-26T15:00'],
    ['明天下午两点半', '2026-11-26T14:30'],
    ['明天15:00', '2026-11-26T15:00'],
    ['明天3:00', '2026-11-26T03:00'], // a colon clock is always 24-hour
    ['明天10点', '2026-11-26T10:00'],
    ['明天十二点', '2026-11-26T12:00'],
    ['明天20点', '2026-11-26T20:00'],
    ['今晚8点', '2026-11-25T20:00'],
    ['明晚7点半', '2026-11-26T19:30'],
    ['明早9点', '2026-11-26T09:00'],
    ['明天早上8点', '2026-11-26T08:00'],
    ['后天上午10点', '2026-11-27T10:00'],
    ['大后天下午4点', '2026-11-28T16:00'],
  ],
  'clocks alone (today)': [
    ['中午12点', '2026-11-25T12:00'],
    ['中午1点', '2026-11-25T13:00'],
    ['下午3点', '2026-11-25T15:00'],
    ['晚上8点半', '2026-11-25T20:30'],
    ['下午3点15分', '2026-11-25T15:15'],
    ['下午3点15', '2026-11-25T15:15'],
    ['下午3点05', '2026-11-25T15:05'],
    ['下午三点一刻', '2026-11-25T15:15'],
    ['下午3点整', '2026-11-25T15:00'],
    ['下午2:30', '2026-11-25T14:30'],
    ['14:30', '2026-11-25T14:30'],
    ['11点', '2026-11-25T11:00'],
  ],
  weekdays: [
    ['周六上午9点', '2026-11-28T09:00'],
    ['星期六上午9点', '2026-11-28T09:00'],
    ['礼拜六9点', '2026-11-28T09:00'],
    ['星期天下午3点', '2026-11-29T15:00'],
    ['周一上午9点', '2026-11-30T09:00'],
    ['周三下午3点', '2026-11-25T15:00'], // today, still ahead
    ['周三上午9点', '2026-12-02T09:00'], // today, already over: next week
    ['下周六上午9点', '2026-12-05T09:00'],
    ['下周一上午9点', '2026-11-30T09:00'],
    ['下个星期三14:00', '2026-12-02T14:00'],
    ['本周日下午3点', '2026-11-29T15:00'],
    ['这周日下午3点', '2026-11-29T15:00'],
    ['这周三下午3点', '2026-11-25T15:00'],
  ],
};

describe('parseActivityTime', () => {
  for (const [forms, cases] of Object.entries(FORMS)) {
    describe(forms, () => {
      it.each(cases)('%s → %s', (text, wall) => {
        expect(startsAt(text)).toBe(shanghai(wall));
      });
    });
  }

  it('returns the matched text as written, without surrounding punctuation', () => {
    expect(parseActivityTime('１２月１日１４：３０，', options)).toMatchObject({ ok: true, matched: '１２月１日１４：３０' });
    expect(parseActivityTime('明天下午三点', options)).toMatchObject({ ok: true, matched: '明天下午三点' });
  });

  it('rolls a month/day that has gone by this year over to next year', () => {
    const december = { ...options, now: new Date('2026-12-20T02:00:00Z') };
    expect(startsAt('1月5日14:30', december)).toBe(shanghai('2027-01-05T14:30'));
    expect(startsAt('12月25日14:30', december)).toBe(shanghai('2026-12-25T14:30'));
  });

  it('reads the wall clock in the given time zone, not the machine one', () => {
    expect(startsAt('2026-12-01T14:30', { ...options, timeZone: 'Asia/Tokyo' })).toBe('2026-12-01T05:30:00.000Z');
    expect(startsAt('2026-12-01T14:30', { ...options, timeZone: 'America/New_York' })).toBe('2026-12-01T19:30:00.000Z');
    expect(startsAt('2027-07-01T14:30', { ...options, timeZone: 'America/New_York' })).toBe('2027-07-01T18:30:00.000Z');

    const machineZone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(startsAt('明天下午3点')).toBe(shanghai('2026-11-26T15:00'));
    } finally {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    }
  });

  describe('errors', () => {
    it('asks for the hour when only a date is given', () => {
      expect(reason('12月1日')).toBe('「12月1日」没有写几点，请写上几点，例如「12月1日14:30」。');
      expect(reason('周六')).toContain('「周六」没有写几点');
      expect(reason('今晚')).toContain('例如「今晚8点」');
    });

    it('asks whether a bare 1–6 点 means early morning or afternoon', () => {
      expect(reason('明天3点')).toBe('「明天3点」是凌晨3点还是下午3点？请写成「明天下午3点」或「明天15:00」。');
      expect(reason('明天两点半')).toBe('「明天两点半」是凌晨2点还是下午2点？请写成「明天下午两点半」或「明天14:30」。');
      expect(reason('周六3点15')).toContain('「周六下午3点15」或「周六15:15」');
    });

    it.each([
      ['2月30日14:00', '日期不存在'],
      ['13月1日14:00', '日期不存在'],
      ['13月40日', '日期不存在'],
      ['12月32号下午3点', '日期不存在'],
      ['2026-02-29T14:00', '日期不存在'],
      ['25:00', '钟点不对'],
      ['12月1日25:00', '钟点不对'],
      ['明天14:60', '钟点不对'],
      ['上午15点', '钟点不对'],
      ['晚上3点', '钟点不对'],
      ['今天9点', '已经过去了'],
      ['今早9点', '已经过去了'],
      ['11月20日14:00', '已经过去了'], // last week: reported, not moved to next year
      ['2025年12月1日14:30', '已经过去了'],
      ['本周一上午9点', '已经过去了'],
      ['下下周', '我没看懂时间'],
      ['下下周六上午9点', '我没看懂时间'],
      ['十二月主题党日', '我没看懂时间'],
      ['12月1', '我没看懂时间'],
    ])('%s → %s', (text, problem) => {
      const said = reason(text);
      expect(said).toContain(problem);
      expect(said).toContain(`「${text}」`);
    });

    it('says exactly what it did not understand', () => {
      expect(reason('下下周')).toBe('我没看懂时间「下下周」，请写成「12月1日14:30」或「明天下午3点」。');
      expect(reason('11月20日14:00')).toBe('时间「11月20日14:00」已经过去了，请确认日期。');
    });

    it.each(['', '   ', '，', '活动', '😀', '12月', '月日', '十十点', '99999999999999点', '2026-12-01T', 'x'.repeat(10_000), '\u0000'])(
      'never throws on odd input %j',
      (text) => {
        expect(parseActivityTime(text, options).ok).toBe(false);
      },
    );
  });
});

describe('findActivityTime', () => {
  it('finds a one-token time after a title that mentions a month', () => {
    const result = findActivityTime(['十二月主题党日', '12月1日14:30', '祁连路社区党群服务中心', '学习全会精神'], options);
    expect(result).toEqual({ ok: true, startsAt: new Date(shanghai('2026-12-01T14:30')), index: 1, consumed: 1 });
  });

  it.each([
    [['志愿服务', '2026-12-01', '14:30', '小区门口'], '2026-12-01T14:30'],
    [['学习会', '12月1日', '下午2点半', '会议室'], '2026-12-01T14:30'],
    [['学习会', '12/1', '14:30'], '2026-12-01T14:30'],
    [['学习会', '12月1日', '14点'], '2026-12-01T14:00'],
    [['读书会', '周六', '上午9点', '图书馆'], '2026-11-28T09:00'],
    [['读书会', '今晚', '8点'], '2026-11-25T20:00'],
    [['读书会', '明天', '15:00'], '2026-11-26T15:00'],
  ])('joins a date token with the clock token after it: %j', (tokens, wall) => {
    expect(findActivityTime(tokens, options)).toEqual({ ok: true, startsAt: new Date(shanghai(wall)), index: 1, consumed: 2 });
  });

  it('skips a bad time-looking token when a later token is a good time', () => {
    expect(findActivityTime(['党课', '13月40日', '12月1日14:30'], options)).toMatchObject({ ok: true, index: 2, consumed: 1 });
  });

  it('says the time is missing when no token looks like one', () => {
    const result = findActivityTime(['党课', '祁连路社区党群服务中心'], options);
    expect(result).toEqual({ ok: false, reason: '没有找到活动时间，请写上时间，例如「12月1日14:30」或「明天下午3点」。' });
    expect(findActivityTime([], options).ok).toBe(false);
  });

  it.each([
    [['党课', '13月40日', '会议室'], '「13月40日」里的日期不存在'],
    [['党课', '12月1日', '会议室'], '「12月1日」没有写几点'],
    [['党课', '明天', '3点', '会议室'], '「明天 3点」是凌晨3点还是下午3点？请写成「明天下午3点」或「明天15:00」'],
    [['党课', '下下周', '会议室'], '我没看懂时间「下下周」'],
    // The clock belongs to the past date: it must not be taken as 14:30 today.
    [['党课', '2026-11-20', '14:30'], '时间「2026-11-20 14:30」已经过去了'],
    // A token that reads as a time outranks one that only resembles a time.
    [['下下周', '12月1日'], '「12月1日」没有写几点'],
  ])('reports the problem of the time token: %j', (tokens, problem) => {
    const result = findActivityTime(tokens, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(problem);
  });
});

describe('activity dates within a year', () => {
  const now = new Date('2026-12-02T02:00:00Z');
  const options = { now, timeZone: 'Asia/Shanghai' };

  it('refuses a date more than a year ahead, saying so', () => {
    for (const tokens of [['9999-12-31', '14:30'], ['2028年1月1日14:30'], ['2027-12-04', '09:00']]) {
      const result = findActivityTime(tokens, options);
      expect(result, tokens.join(' ')).toMatchObject({ ok: false });
      expect(!result.ok && result.reason, tokens.join(' ')).toContain('一年内');
    }
    expect(findActivityTime(['2027-12-01', '09:00'], options)).toMatchObject({ ok: true });
  });

  it('previews a date of another year with its year, and this year’s without', () => {
    const nextYear = findActivityTime(['1月5日', '14:30'], options);
    expect(nextYear.ok && formatActivityTime(nextYear.startsAt, 'Asia/Shanghai', now)).toBe('2027年1月5日（周二）14:30');
    const thisYear = findActivityTime(['12月5日', '14:30'], options);
    expect(thisYear.ok && formatActivityTime(thisYear.startsAt, 'Asia/Shanghai', now)).toBe('12月5日（周六）14:30');
  });
});
