/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return dayFormatter(timeZone).format(at);
}

/** A YYYY-MM-DD day as the Date Prisma stores in a `@db.Date` column (UTC midnight). */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Adds whole days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const date = dayToDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The instant at which the wall clock in `timeZone` shows `day` `hour`:`minute`. */
export function zonedTime(day: string, hour: number, minute: number, timeZone: string): Date {
  const wall = dayToDate(day).getTime() + (hour * 60 + minute) * 60_000;
  const guess = wall - offsetAt(wall, timeZone);
  // Looking the offset up again at the guess settles days on which the zone's offset changes.
  return new Date(wall - offsetAt(guess, timeZone));
}

/** How far the wall clock in `timeZone` is ahead of UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  const parts = wallClockFormatter(timeZone).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The instants at which the local day `day` begins and ends in `timeZone`. */
export function localDayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedTime(day, 0, 0, timeZone), end: zonedTime(addDays(day, 1), 0, 0, timeZone) };
}

/** The wall-clock hour and minute of `at` in `timeZone`. */
export function zonedParts(at: Date, timeZone: string): { hour: number; minute: number } {
  const parts = wallClockFormatter(timeZone).formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return { hour: field('hour'), minute: field('minute') };
}
