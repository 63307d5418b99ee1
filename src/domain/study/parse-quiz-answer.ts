/** What a quiz answer may look like: letters A–E with question numbers and separators (「1B 2AC 3D」「b」「1 b」). */
export const quizAnswerPattern = /^[\dA-Ea-e][\dA-Ea-e\s,，、.．:：]*$/;

/**
 * The letters given for each question: a number starts a question's answer, letters after it are
 * that answer (sorted, each once); letters before any number answer `nextPosition` (one at a time).
 * Linear.
 */
export function parseQuizAnswer(text: string, nextPosition: number): Map<number, string> {
  const letters = new Map<number, Set<string>>();
  let position = nextPosition;
  for (const char of text.toUpperCase()) {
    if (char >= '0' && char <= '9') position = Number(char);
    else if (char >= 'A' && char <= 'E') letters.set(position, (letters.get(position) ?? new Set()).add(char));
  }
  return new Map([...letters].map(([n, set]) => [n, [...set].sort().join('')]));
}
