/**
 * Fuzzed chat texts for `npm run faults`: random Unicode (control characters, NUL, lone surrogates,
 * zero-width and right-to-left marks, emoji, combining marks), every command word with random
 * arguments, and 100 KB texts. Seeded, so that a run can be repeated.
 */

/** Every command word the bot knows, and a few near-misses. */
const commandWords = [
  '签到', '我的', '建议', '帮助', '菜单', '报名', '取消报名', '绑定', '绑定本群', '活动', '活动@志愿者', '通知', '确认', '取消',
  '取消活动', '统计', '学习包', '立即发送', '已学', '学习打卡', '发书', '学习统计', '未签到', '失联预警', '签到了', '已签到', '签到！',
  '＠党建助手 签到', 'ｓｉｇｎ', '签 到',
  '队伍', '加入', '退出', '特长', '愿意', '不愿意', '返乡', '求职', '已就业', '意向', '建议列表', '回复建议', '采纳', '人才库', '岗位',
];

const oddArguments = [
  '0', '-1', '2147483648', '9223372036854775808', '1e400', 'NaN', '0x1F', '１２', '٣', '12.5', '00000000000000000001',
  '明天下午3点', '明天3点', '2026-13-45 25:61', '12月32日14:30', '周八上午9点', '1970-01-01 00:00', '9999-12-31 23:59',
  '张三 1234', '张三', '1234', '城北区/祁连路社区/流动党员支部', '../../..', '/', "'; DROP TABLE \"Member\"; --", '%s%n%x',
  '${process.exit()}', '<script>alert(1)</script>', '\u0000', '\u202e', '\u200b', '🙂🙂', 'https://example.org/?q=' + 'x'.repeat(300),
];

/** [first, last] code point ranges, some of them hostile to text handling and storage. */
const codePointRanges: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0x4e00, 0x9fff], // CJK
  [0xff01, 0xff5e], // full-width forms
  [0x1f300, 0x1faff], // emoji
  [0x0300, 0x036f], // combining marks
  [0x200b, 0x200f], // zero-width and direction marks
  [0x202a, 0x202e], // bidirectional embedding and override
  [0x0590, 0x06ff], // Hebrew, Arabic
  [0x0000, 0x001f], // control characters, NUL included
  [0xd800, 0xdfff], // lone surrogates: not encodable as UTF-8
  [0xfff0, 0xffff], // specials, non-characters
  [0xe000, 0xf8ff], // private use
];

export type Random = () => number;

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** One fuzzed text: 1 in 100 is 100 KB long, half are commands with random arguments, the rest random Unicode. */
export function fuzzText(random: Random): string {
  const roll = random();
  if (roll < 0.01) return `${pick(random, commandWords)} ${randomUnicode(random, 100_000)}`;
  if (roll < 0.5) {
    const args = Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.6 ? pick(random, oddArguments) : randomUnicode(random, 1 + Math.floor(random() * 30))));
    return [pick(random, commandWords), ...args].join(random() < 0.8 ? ' ' : '\u3000');
  }
  return randomUnicode(random, 1 + Math.floor(random() * 200));
}

/** `length` code units' worth of random code points (a surrogate pair counts two). */
function randomUnicode(random: Random, length: number): string {
  let text = '';
  while (text.length < length) {
    const [first, last] = pick(random, codePointRanges);
    text += String.fromCodePoint(first + Math.floor(random() * (last - first + 1)));
  }
  return text;
}

/** The length of a worst-case text: far past the 4,000 characters intake keeps of any text. */
export const worstCaseLength = 100_000;

/**
 * Texts built to be worst cases for a pattern or a normaliser (issue 17): 100,000-character runs of
 * punctuation, spaces and full-width characters, alone, after a command word, and before a last
 * character that makes a backtracking pattern fail late (签到 + 。。。… + x stopped the loop for 8 s).
 */
export function worstCaseTexts(): string[] {
  const run = (unit: string, length = worstCaseLength) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const runs = ['。', ' ', '\u3000', '！', '!！。.，,、~～…', 'Ａ', '１', '：', '\u200b', '\t\n', '@助手 ', '签到', '张三 1234 '];
  return [
    ...runs.map((unit) => run(unit)),
    ...runs.map((unit) => `签到${run(unit, worstCaseLength - 3)}x`),
    `绑定 ${run('张', worstCaseLength - 8)} 1234`,
    `活动 ${run('明天下午3点 ', worstCaseLength - 3)}`,
    `请假 ${run('3天', worstCaseLength - 3)}`,
    `建议${run(' ', worstCaseLength - 3)}好`,
    `走访${run('　电话', worstCaseLength - 2)}`,
  ];
}
