/** Hours as members read them: 2, 1.5 (at most one decimal). */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}
