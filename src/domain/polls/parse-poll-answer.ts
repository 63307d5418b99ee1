/** What a poll answer may look like: digits with spaces, commas or 、 between them (「2」「1 3」「1,3」「13」). */
export const pollAnswerPattern = /^[1-9][\d\s,，、]*$/;

/**
 * The option numbers in an answer, each once and in order; null when one is not an option of the
 * poll (0, or beyond the last), or several are given where only one may be chosen. Linear.
 */
export function parsePollAnswer(text: string, poll: { optionCount: number; multiple: boolean }): number[] | null {
  const chosen = new Set<number>();
  for (const char of text) {
    if (char < '0' || char > '9') continue;
    const number = Number(char);
    if (number < 1 || number > poll.optionCount) return null;
    chosen.add(number);
  }
  if (chosen.size === 0 || (!poll.multiple && chosen.size > 1)) return null;
  return [...chosen].sort((a, b) => a - b);
}
