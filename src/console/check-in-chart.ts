import type { Db } from '../db/client.ts';
import { countDailyCheckIns } from '../domain/check-in/count-daily-check-ins.ts';
import { addDays, localDay } from '../domain/shared/local-day.ts';

export interface DailyCheckInRate {
  /** YYYY-MM-DD, local. */
  day: string;
  checkIns: number;
  /** Check-ins over today's members of the organisation and below, 0–1. */
  rate: number;
}

interface ClosedDays {
  firstDay: string;
  counts: Map<string, number>;
  expiresAt: number;
}

/** Closed days change only when a late message is processed or a member moves: ten minutes old is fresh enough. */
const closedDaysLifetimeMs = 10 * 60_000;
const maxCachedOrganizations = 500;

/**
 * The overview's check-in rate by day. Counting 30 days of a 100,000-member tree joins a million
 * check-ins with their members (half a second); days that are over are kept for a while per
 * organisation, and today's come from the caller.
 */
export class CheckInChart {
  private readonly closed = new Map<string, ClosedDays>();

  constructor(private readonly options: { db: Db; timeZone: string; days: number }) {}

  /** `todayCheckIns`: counted by the caller with today's other figures (one pass over the members). */
  async rates(request: { organizationPath: string; members: number; todayCheckIns: number; now: Date }): Promise<DailyCheckInRate[]> {
    const { timeZone, days } = this.options;
    const today = localDay(request.now, timeZone);
    const firstDay = addDays(today, 1 - days);
    const closed = await this.closedDays(request.organizationPath, firstDay, addDays(today, -1), request.now.getTime());
    return Array.from({ length: days }, (_, index) => {
      const day = addDays(firstDay, index);
      const checkIns = (day === today ? request.todayCheckIns : closed.get(day)) ?? 0;
      return { day, checkIns, rate: request.members > 0 ? checkIns / request.members : 0 };
    });
  }

  private async closedDays(organizationPath: string, firstDay: string, lastDay: string, now: number): Promise<Map<string, number>> {
    const cached = this.closed.get(organizationPath);
    if (cached && cached.firstDay === firstDay && cached.expiresAt > now) return cached.counts;
    const counts = await countDailyCheckIns(this.options.db, { organizationPath, fromDay: firstDay, toDay: lastDay });
    this.closed.delete(organizationPath);
    if (this.closed.size >= maxCachedOrganizations) this.closed.delete(this.closed.keys().next().value!);
    this.closed.set(organizationPath, { firstDay, counts, expiresAt: now + closedDaysLifetimeMs });
    return counts;
  }
}
