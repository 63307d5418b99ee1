import { findActivityTime } from '../activities/parse-activity-time.ts';

export interface PollRequest {
  title: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  closesAt: Date;
}

/** Options are answered with one digit each (「13」 = 1 and 3 where several may be chosen). */
export const maxPollOptions = 9;
const defaultOpenDays = 7;
const optionMarker = /^([1-9])[.、．:：)）]/;

/**
 * `投票` text: 「十二月主题党日时间 1.周六上午 2.周六下午 可多选 匿名 截止 12月5日」. The title is what comes
 * before the first numbered option; an option runs until the next number or flag. 截止 takes a date
 * (the end of that day) or a date and time; without it the poll is open for a week. One pass over the words.
 */
export function parsePoll(text: string, options: { now: Date; timeZone: string }): { ok: true; poll: PollRequest } | { ok: false; reason: string } {
  const words = text.split(' ').filter(Boolean);
  const title: string[] = [];
  const choices: string[][] = [];
  let multiple = false;
  let anonymous = false;
  let closesAt: Date | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '可多选' || word === '多选') multiple = true;
    else if (word === '匿名') anonymous = true;
    else if (word.startsWith('截止')) {
      const deadlineWords = [word.slice('截止'.length), words[i + 1] ?? '', words[i + 2] ?? ''].filter(Boolean);
      if (deadlineWords.length === 0) return { ok: false, reason: '请在「截止」后写上日期，如「截止 12月5日」。' };
      const deadline = readDeadline(deadlineWords, options);
      if (!deadline.ok) return { ok: false, reason: deadline.reason };
      closesAt = deadline.at;
      i += deadline.consumed - (word === '截止' ? 0 : 1);
    } else {
      const marker = optionMarker.exec(word);
      if (marker) {
        if (Number(marker[1]) !== choices.length + 1) return { ok: false, reason: `选项请按 1、2、3 的顺序编号（第 ${choices.length + 1} 项写成了「${word}」）。` };
        choices.push([word.slice(marker[0].length)].filter(Boolean));
      } else if (choices.length > 0) choices[choices.length - 1]!.push(word);
      else title.push(word);
    }
  }
  const optionTexts = choices.map((words) => words.join(' '));
  if (title.length === 0) return { ok: false, reason: '请写上投票的标题。' };
  if (optionTexts.length < 2 || optionTexts.length > maxPollOptions) return { ok: false, reason: `请写 2 到 ${maxPollOptions} 个选项，如「1.周六上午 2.周六下午」。` };
  if (optionTexts.some((option) => !option)) return { ok: false, reason: '有选项没有内容，请补上。' };
  const fallback = new Date(options.now.getTime() + defaultOpenDays * 24 * 3600_000);
  return { ok: true, poll: { title: title.join(' '), options: optionTexts, multiple, anonymous, closesAt: closesAt ?? fallback } };
}

/** 截止 12月5日 → the end of 12月5日; 截止 12月5日 18:00 → then. `consumed` counts the words after 截止. */
function readDeadline(words: string[], options: { now: Date; timeZone: string }): { ok: true; at: Date; consumed: number } | { ok: false; reason: string } {
  const withTime = findActivityTime(words.slice(0, 2), options);
  if (withTime.ok && withTime.index === 0) return { ok: true, at: withTime.startsAt, consumed: withTime.consumed };
  const dayEnd = findActivityTime([words[0] ?? '', '23:59'], options);
  if (dayEnd.ok) return { ok: true, at: dayEnd.startsAt, consumed: 1 };
  return { ok: false, reason: `截止时间没有看懂${withTime.ok ? '' : `：${withTime.reason}`}。例如「截止 12月5日」或「截止 12月5日 18:00」。` };
}
