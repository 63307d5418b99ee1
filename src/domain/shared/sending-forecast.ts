import { localDay } from './local-day.ts';
import { localDateTime } from './local-time.ts';

/**
 * Why a member's message goes when it does, as the outbox will decide it (src/delivery/forecast-deliveries.ts
 * works it out from the outbox's own rules), in the outbox's order of checks.
 */
export type ForecastReason =
  | 'sent'
  | 'today'
  | 'logged-out'
  | 'member-cap'
  | 'throttled'
  | 'warm-up'
  | 'quiet-hours'
  | 'account-cap'
  | 'window'
  | 'unreachable'
  | 'failed'
  | 'dropped';

export interface ForecastGroup {
  reason: ForecastReason;
  count: number;
  /** When they go out; null when it depends on someone (a login, the member's next message) or never. */
  at: Date | null;
}

export interface SendingForecast {
  /** When it was worked out: "today" and "tomorrow" are read from it. */
  asOf: Date;
  /** Members the message is for. */
  total: number;
  /** By reason and time, in the order above. */
  groups: ForecastGroup[];
  /** Each member's own reason and time. */
  members: Map<number, { reason: ForecastReason; at: Date | null }>;
}

/** Members who have it, or get it today. */
export function reachedToday(forecast: SendingForecast): number {
  return forecast.groups.filter((group) => group.reason === 'sent' || group.reason === 'today').reduce((sum, group) => sum + group.count, 0);
}

/** Members who get it on a later day, or only when something happens. */
export function notToday(forecast: SendingForecast, timeZone: string): number {
  const today = localDay(forecast.asOf, timeZone);
  return forecast.groups
    .filter((group) => !['sent', 'today', 'unreachable', 'failed', 'dropped'].includes(group.reason))
    .filter((group) => group.at === null || localDay(group.at, timeZone) !== today)
    .reduce((sum, group) => sum + group.count, 0);
}

/** 今天 8:00 / 明日 8:00 / 12月4日 8:00. */
export function sendingTime(at: Date, now: Date, timeZone: string): string {
  const [date = '', time = ''] = localDateTime(at, timeZone).split(' ');
  const today = localDay(now, timeZone);
  const tomorrow = localDay(new Date(now.getTime() + 86_400_000), timeZone);
  const [, month, day] = date.split('-').map(Number);
  const hhmm = time.replace(/^0(\d)/, '$1');
  if (date === today) return `今天 ${hhmm}`;
  if (date === tomorrow) return `明日 ${hhmm}`;
  return `${month}月${day}日 ${hhmm}`;
}

/** One reason as a secretary reads it: "4 人已达今日上限，明日 8:00 后发出". */
export function forecastGroupText(group: ForecastGroup, now: Date, timeZone: string): string {
  const when = group.at ? `，${sendingTime(group.at, now, timeZone)} 后发出` : '';
  const n = `${group.count} 人`;
  switch (group.reason) {
    case 'sent':
      return `已发出 ${n}`;
    case 'today':
      return `今天发出 ${n}`;
    case 'logged-out':
      return `${n}因机器人微信已掉线，重新登录后发出`;
    case 'member-cap':
      return `${n}已达今日上限${when}`;
    case 'throttled':
      return `${n}因微信限流暂停${when}`;
    case 'warm-up':
      return `${n}因账号新登录预热${when}`;
    case 'quiet-hours':
      return `${n}在免打扰时段${when}`;
    case 'account-cap':
      return `${n}超出账号今日发送量${when}`;
    case 'window':
      return `${n}超过 48 小时未与公众号互动（未配置模板消息），待其下次发消息后发出`;
    case 'unreachable':
      return `${n}未绑定微信或已取消关注，收不到`;
    case 'failed':
      return `${n}发送失败`;
    case 'dropped':
      return `${n}因情况已变未发`;
  }
}

/** "发给 5 人：今天发出 1 人，4 人已达今日上限，明日 8:00 后发出". */
export function forecastText(forecast: SendingForecast, timeZone: string): string {
  if (forecast.total === 0) return '没有要发给的党员';
  return `发给 ${forecast.total} 人：${forecast.groups.map((group) => forecastGroupText(group, forecast.asOf, timeZone)).join('，')}`;
}

/** The forecast's text, or only how many it is for when there is no forecast (an outbox without the worker's rules). */
export function sendingText(forecast: SendingForecast | null, count: number, timeZone: string): string {
  return forecast ? forecastText(forecast, timeZone) : `发给 ${count} 人`;
}

/** For a preview: when the reachable go ("今天发出 1 人，4 人已达今日上限，明日 8:00 后发出"); who cannot be reached is said apart. */
export function timingText(forecast: SendingForecast, timeZone: string): string {
  return forecast.groups
    .filter((group) => group.reason !== 'unreachable')
    .map((group) => forecastGroupText(group, forecast.asOf, timeZone))
    .join('，');
}

/** Only those not reached yet: "4 人已达今日上限，明日 8:00 后发出；1 人未绑定微信…" (学习统计, the pages). */
export function unreachedText(forecast: SendingForecast, timeZone: string): string {
  return forecast.groups
    .filter((group) => group.reason !== 'sent')
    .map((group) => forecastGroupText(group, forecast.asOf, timeZone))
    .join('；');
}

/** A notice that speaks of today or tonight (今天、今晚、今日、今早、今夜…). */
export function mentionsToday(text: string): boolean {
  return /今[天晚日早夜]/.test(text);
}
