import { localDay, zonedTime } from './local-day.ts';

/** The local calendar year `now` falls in, as the instants it starts and ends (service hours count per year). */
export function localYear(now: Date, timeZone: string): { from: Date; to: Date } {
  const year = Number(localDay(now, timeZone).slice(0, 4));
  return { from: zonedTime(`${year}-01-01`, 0, 0, timeZone), to: zonedTime(`${year + 1}-01-01`, 0, 0, timeZone) };
}
