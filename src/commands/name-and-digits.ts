/**
 * Splitting a command's words without patterns that backtrack: `^(.+?)\s*(\d{4})$` retries from
 * every space of a long run, and one message of spaces then costs quadratic time.
 */

/** The text's last word and what comes before it (both trimmed); null for one word or none. */
export function splitLastWord(text: string): { head: string; last: string } | null {
  const words = text.trim().split(/\s+/);
  if (words.length < 2) return null;
  const last = words.pop()!;
  return { head: words.join(' '), last };
}

/**
 * `张三 1234` → 张三 and 1234; `张三` → 张三 and null (解绑, 绑定码, 换号, 走访 …). With `digitsMayTouch`
 * (绑定), `张三1234` reads as 张三 and 1234 too.
 */
export function splitNameAndDigits(text: string, options: { digitsMayTouch?: boolean } = {}): { name: string; phoneLast4: string | null } {
  const trimmed = text.trim();
  const split = splitLastWord(trimmed);
  if (split && isPhoneEnding(split.last)) return { name: split.head, phoneLast4: split.last };
  const touching = trimmed.slice(-4);
  if (options.digitsMayTouch && trimmed.length > 4 && isPhoneEnding(touching)) return { name: trimmed.slice(0, -4).trim(), phoneLast4: touching };
  return { name: trimmed, phoneLast4: null };
}

function isPhoneEnding(text: string): boolean {
  return text.length === 4 && [...text].every((char) => char >= '0' && char <= '9');
}
