import type { Db } from '../db/client.ts';
import { dayToDate } from './local-day.ts';

export interface NewCheckIn {
  memberId: number;
  /** Local day, YYYY-MM-DD. */
  day: string;
  at: Date;
  place: string | null;
  chatGroupId: string | null;
  messageId: string;
}

/**
 * The check-ins of one intake batch. It is loaded with who already checked in on the batch's
 * days, answers "already checked in?" without a query per message, and writes all new
 * check-ins in one statement. The unique (member, day) key still guards against races.
 */
export class CheckInBook {
  private readonly pending: NewCheckIn[] = [];

  private constructor(private readonly checkedIn: Set<string>) {}

  static async load(db: Db, memberIds: number[], days: string[]): Promise<CheckInBook> {
    if (memberIds.length === 0) return new CheckInBook(new Set());
    const rows = await db.checkIn.findMany({
      where: { memberId: { in: memberIds }, day: { in: days.map(dayToDate) } },
      select: { memberId: true, day: true },
    });
    return new CheckInBook(new Set(rows.map((row) => key(row.memberId, row.day.toISOString().slice(0, 10)))));
  }

  has(memberId: number, day: string): boolean {
    return this.checkedIn.has(key(memberId, day));
  }

  add(checkIn: NewCheckIn): void {
    this.checkedIn.add(key(checkIn.memberId, checkIn.day));
    this.pending.push(checkIn);
  }

  /** Writes the new check-ins; returns the group chats that got some. */
  async flush(db: Db): Promise<Set<string>> {
    if (this.pending.length === 0) return new Set();
    await db.checkIn.createMany({
      data: this.pending.map((checkIn) => ({ ...checkIn, day: dayToDate(checkIn.day) })),
      skipDuplicates: true,
    });
    const groups = new Set(this.pending.flatMap((checkIn) => (checkIn.chatGroupId ? [checkIn.chatGroupId] : [])));
    this.pending.length = 0;
    return groups;
  }
}

function key(memberId: number, day: string): string {
  return `${memberId}|${day}`;
}
