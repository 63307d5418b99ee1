export type ParsedHelp =
  | { outcome: 'ok'; kind: string; amount: string | null; detail: string | null }
  | { outcome: 'unreadable' }
  | { outcome: 'bad-amount'; kind: string }
  | { outcome: 'detail-too-long' };

/** Kinds of help that are money (慰问金, 救助款 …): they need an amount in yuan. */
const moneyKind = /[金款费]$/;
const amountText = /^(\d{1,9}(?:\.\d{1,2})?) ?元?$/;
/** The most one 帮扶 record may give, in yuan: a typo of a few zeros must not enter the year's figures. */
export const maxHelpAmountYuan = 1_000_000;
/** The longest detail of help in kind (米面油 …), in characters. */
export const maxHelpDetailLength = 100;

/**
 * 帮扶's text after the name: a kind (慰问金, 物资, 就医协调 …) and then, for money, an amount in yuan
 * (500 or 500元), otherwise an optional detail (米面油). A money kind without a number is refused.
 */
export function parseHelp(text: string): ParsedHelp {
  const match = /^(\S{1,10})(?:\s+(.+))?$/s.exec(text.trim());
  if (!match) return { outcome: 'unreadable' };
  const kind = match[1]!;
  const rest = match[2]?.trim() ?? null;
  const written = rest ? amountText.exec(rest)?.[1] ?? null : null;
  const amount = written !== null && Number(written) > 0 && Number(written) <= maxHelpAmountYuan ? written : null;
  if ((moneyKind.test(kind) || written !== null) && amount === null) return { outcome: 'bad-amount', kind };
  if (rest && [...rest].length > maxHelpDetailLength) return { outcome: 'detail-too-long' };
  return { outcome: 'ok', kind, amount, detail: amount === null ? rest : null };
}
