const formatters = new Map<string, Intl.DateTimeFormat>();

/** `at` on the wall clock of `timeZone`, as YYYY-MM-DD HH:mm (what secretaries read in the console and in Excel). */
export function localDateTime(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // sv-SE formats as "2026-11-30 14:30".
    formatter = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
