/** Local quiet hours such as 22:00–08:00, during which the bot sends nothing on its own. */
export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

/** "22:00-08:00" → QuietHours; "off" → null. Returns undefined for anything else. */
export function parseQuietHours(text: string): QuietHours | null | undefined {
  if (text.trim().toLowerCase() === 'off') return null;
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [number, number, number, number];
  if ([startHour, endHour].some((hour) => hour > 23) || [startMinute, endMinute].some((minute) => minute > 59)) return undefined;
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  return start === end ? undefined : { start, end };
}

/** When quiet hours end, if `at` falls inside them; null otherwise. */
export function quietHoursEnd(at: Date, quiet: QuietHours | null, timeZone: string): Date | null {
  if (!quiet) return null;
  const minute = localMinuteOfDay(at, timeZone);
  const inside = quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
  if (!inside) return null;
  const minutesLeft = (quiet.end - minute + 24 * 60) % (24 * 60);
  const end = new Date(at.getTime() + minutesLeft * 60_000);
  end.setSeconds(0, 0);
  return end;
}

function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return value('hour') * 60 + value('minute');
}
