import { localDay } from '../shared/local-day.ts';

/** A member as secretaries see them in care alerts and in 未签到 / 失联预警. */
export interface CareMember {
  name: string;
  organizationPath: string;
  lastActiveAt: Date | null;
  residence: string | null;
  workplace: string | null;
}

/** 11月25日 (this year), 2025年11月25日 (another year), 从未 (never active); local days. */
export function formatCareDay(at: Date | null, now: Date, timeZone: string): string {
  if (!at) return '从未';
  const [year, month, day] = localDay(at, timeZone).split('-').map(Number) as [number, number, number];
  const thisYear = Number(localDay(now, timeZone).slice(0, 4));
  return `${year === thisYear ? '' : `${year}年`}${month}月${day}日`;
}

/** 现居地：西宁市城北区；工作：物流公司 — or 去向不详 when the roster has neither. */
export function whereaboutsText(member: Pick<CareMember, 'residence' | 'workplace'>): string {
  const parts = [
    ...(member.residence ? [`现居地：${member.residence}`] : []),
    ...(member.workplace ? [`工作：${member.workplace}`] : []),
  ];
  return parts.length > 0 ? parts.join('；') : '去向不详';
}

/** （二支部）: a sub-organisation named relative to the secretary's scope; '' for the scope itself. */
export function relativeOrganization(organizationPath: string, scopePath: string): string {
  return organizationPath !== scopePath && organizationPath.startsWith(`${scopePath}/`)
    ? `（${organizationPath.slice(scopePath.length + 1)}）`
    : '';
}

/**
 * One line of a list for a secretary of `scopePath`: the member's organisation is named when it is
 * a sub-organisation (relative to the scope), then the last activity and, if asked, whereabouts.
 */
export function careMemberLine(
  member: CareMember,
  options: { scopePath: string; now: Date; timeZone: string; whereabouts: boolean; note?: string },
): string {
  const parts = [
    `· ${member.name}${relativeOrganization(member.organizationPath, options.scopePath)}`,
    `最后动态：${formatCareDay(member.lastActiveAt, options.now, options.timeZone)}`,
    ...(options.whereabouts ? [whereaboutsText(member)] : []),
  ];
  return parts.join('　') + (options.note ? `（${options.note}）` : '');
}


/**
 * The warm notes silent members get; {name}, {days} and {missed} are filled in per member (in SQL). Never a
 * guilt trip. {days} comes before {missed} in each, so that a nudge that waited can be re-worded (silentDaysText).
 */
export const nudgeTemplates: readonly string[] = [
  '{name}同志，您好！已经 {days} 天没收到您的消息了，支部的同志们都挺惦记您。{missed}得空回一句「签到」报个平安就好，出门在外注意身体。',
  '{name}，最近忙吗？{days} 天没见您发消息，在外面奔波辛苦了。{missed}方便的时候发个「签到」，让家里的组织知道您一切都好。',
  '{name}同志，天气多变，记得添衣休息。{days} 天没有您的消息，大家都惦记着。{missed}不管走得多远，支部一直是您的家，有空回个「签到」跟大家打声招呼吧。',
  '{name}，您好！{days} 天没收到您的消息，想跟您说一声：组织一直记挂着您。{missed}看到消息回一句「签到」就行，工作生活上有什么难处，也可以随时跟书记说。',
  '{name}同志，您好！{days} 天没有您的消息了。工作再忙，也要照顾好自己。{missed}有空回个「签到」，让我们知道您平平安安。',
];

/** A nudge's text with its number of silent days set to `days`: the digits before the first " 天", where {days} was. */
export function withSilentDays(text: string, days: number): string {
  const end = text.indexOf(' 天');
  let start = end;
  while (start > 0 && text[start - 1]! >= '0' && text[start - 1]! <= '9') start -= 1;
  return start === end ? text : `${text.slice(0, start)}${days}${text.slice(end)}`;
}

/** What a silent member missed, put into {missed}: the latest study pack pushed since they were last active. */
export function missedStudyPackText(title: string): string {
  return `这段时间推送了学习材料「${title}」，有空可以看看，学完回复「已学」。`;
}

/** …and the next open activity of their organisation (or above). */
export function missedActivityText(activity: { id: number; title: string; when: string }): string {
  return `${activity.when}有「${activity.title}」活动，欢迎回复「报名 ${activity.id}」参加。`;
}
