import { formatActivityTime } from '../activities/activity-text.ts';

export interface PollSummary {
  id: number;
  title: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  closesAt: Date;
}

/** The poll as members receive it: numbered options and how to answer. */
export function pollText(poll: PollSummary, timeZone: string): string {
  return [
    `【投票】${poll.title}${poll.anonymous ? '（匿名）' : ''}`,
    ...poll.options.map((option, i) => `${i + 1}. ${option}`),
    `截止：${formatActivityTime(poll.closesAt, timeZone)}`,
    poll.multiple ? '私聊我回复选项编号，可多选，如「1 3」；截止前可重新回复修改。' : '私聊我回复选项编号，如「1」；截止前可重新回复修改。',
  ].join('\n');
}

/** The one reminder, a day before the poll closes. */
export function pollReminderText(poll: PollSummary, timeZone: string): string {
  return `【投票提醒】「${poll.title}」将于 ${formatActivityTime(poll.closesAt, timeZone)} 截止，您还没有投票。\n${pollText(poll, timeZone)}`;
}
