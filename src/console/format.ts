import type { MemberStatus } from '../generated/prisma/client.ts';
import { formatLeaveDay, leaveLastDay } from '../domain/leave/parse-leave.ts';
import { localDateTime } from '../domain/shared/local-time.ts';
import { html, type SafeHtml } from './html.ts';

/** A time as secretaries read it (local), or a dash. */
export function when(at: Date | null, timeZone: string): string {
  return at ? localDateTime(at, timeZone) : '—';
}

export function statusLabel(status: MemberStatus): string {
  return status === 'LOST_CONTACT' ? '疑似失联' : '正常';
}

/** 请假中 while the member is on leave (the scan leaves them alone then), else their status. */
export function memberState(member: { status: MemberStatus; leaveUntil: Date | null }, now: Date): string {
  return member.leaveUntil && member.leaveUntil > now ? '请假中' : statusLabel(member.status);
}

/** The last day of a leave ending at `until`, as 请假 was answered: 12月31日. */
export function leaveEnd(until: Date, now: Date, timeZone: string): string {
  return formatLeaveDay(leaveLastDay(until, timeZone), now, timeZone);
}

/** A phone number to tap and call (secretaries mostly read the console on their phone). */
export function phoneLink(phone: string): SafeHtml {
  return html`<a href="tel:${phone}">${phone}</a>`;
}

export function whereabouts(member: { residence: string | null; workplace: string | null }): string {
  return [member.residence && `现居 ${member.residence}`, member.workplace && `工作 ${member.workplace}`].filter(Boolean).join('；') || '—';
}

/** Who set a whereabouts (WhereaboutsSource). */
export const whereaboutsSources = { ROSTER: '名册导入', MEMBER: '本人', VISIT: '走访确认' } as const;

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—';
}

/** JSON schema of a numeric row id in a URL (PostgreSQL INTEGER). */
export const rowIdSchema = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;
