import type { Db } from '../../db/client.ts';
import { dayToDate } from '../shared/local-day.ts';

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

  /** member|day → id of the message that recorded the check-in. */
  private constructor(private readonly recorded: Map<string, string>) {}

  static async load(db: Db, memberIds: number[], days: string[]): Promise<CheckInBook> {
    if (memberIds.length === 0) return new CheckInBook(new Map());
    const rows = await db.checkIn.findMany({
      where: { memberId: { in: memberIds }, day: { in: days.map(dayToDate) } },
      select: { memberId: true, day: true, messageId: true },
    });
    return new CheckInBook(new Map(rows.map((row) => [key(row.memberId, row.day.toISOString().slice(0, 10)), row.messageId])));
  }

  /**
   * The message that checked the member in on that day, if any. When it is the message being
   * handled, an earlier attempt at this batch got as far as writing it.
   */
  recordedBy(memberId: number, day: string): string | undefined {
    return this.recorded.get(key(memberId, day));
  }

  add(checkIn: NewCheckIn): void {
    this.recorded.set(key(checkIn.memberId, checkIn.day), checkIn.messageId);
    this.pending.push(checkIn);
  }

  /** Writes the new check-ins; returns the group chats that got some. */
  async flush(db: Db): Promise<Set<string>> {
    if (this.pending.length === 0) return new Set();
    const rows = this.pending;
    // One raw statement: Prisma's createMany costs ~7× more on this hot path.
    await db.$executeRaw`
      INSERT INTO "CheckIn" ("memberId", day, at, place, "chatGroupId", "messageId")
      SELECT member_id, day, at AT TIME ZONE 'UTC', place, chat_group_id, message_id
      FROM unnest(
        ${rows.map((r) => r.memberId)}::int[], ${rows.map((r) => r.day)}::date[],
        ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.place)}::text[],
        ${rows.map((r) => r.chatGroupId)}::text[], ${rows.map((r) => r.messageId)}::text[]
      ) AS c(member_id, day, at, place, chat_group_id, message_id)
      ON CONFLICT ("memberId", day) DO NOTHING`;
    const groups = new Set(this.pending.flatMap((checkIn) => (checkIn.chatGroupId ? [checkIn.chatGroupId] : [])));
    this.pending.length = 0;
    return groups;
  }
}

function key(memberId: number, day: string): string {
  return `${memberId}|${day}`;
}
