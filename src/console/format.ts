import type { MemberStatus } from '../generated/prisma/client.ts';
import { localDateTime } from '../domain/shared/local-time.ts';

/** A time as secretaries read it (local), or a dash. */
export function when(at: Date | null, timeZone: string): string {
  return at ? localDateTime(at, timeZone) : '—';
}

export function statusLabel(status: MemberStatus): string {
  return status === 'LOST_CONTACT' ? '疑似失联' : '正常';
}

export function whereabouts(member: { residence: string | null; workplace: string | null }): string {
  return [member.residence && `现居 ${member.residence}`, member.workplace && `工作 ${member.workplace}`].filter(Boolean).join('；') || '—';
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—';
}

/** JSON schema of a numeric row id in a URL (PostgreSQL INTEGER). */
export const rowIdSchema = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;
