/**
 * The text without the characters `isEdge` accepts at its ends, read from each end once. The pattern
 * way (`/[…]+$/`) retries from every position of a long run, and so costs quadratic time.
 */
export function trimCharacters(text: string, isEdge: (char: string) => boolean, ends: 'both' | 'end' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (ends === 'both') while (start < end && isEdge(text[start]!)) start += 1;
  while (end > start && isEdge(text[end - 1]!)) end -= 1;
  return text.slice(start, end);
}

/** White space, as `\s` in a pattern (one character). */
export function isSpace(char: string): boolean {
  return /^\s$/.test(char);
}
