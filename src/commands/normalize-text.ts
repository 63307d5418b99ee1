/**
 * Turns what a member typed into the form commands are matched on: full-width digits, letters,
 * ＠ and spaces become half-width (１２３４ → 1234), an @mention of the bot is removed wherever it
 * stands, zero-width characters (which some keyboards and copy-paste add unseen) and control
 * characters (NUL, which PostgreSQL's text cannot hold, failed a whole intake batch) are dropped, and
 * runs of white space become one space. Chinese punctuation (，。：) is kept: it is part of what
 * secretaries write in notices.
 */
export function normalizeText(text: string, botName?: string): string {
  let normalized = text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000E-\u001F\u007F]/g, '')
    .replace(/[\uFF10-\uFF19\uFF20-\uFF3A\uFF41-\uFF5A]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  if (botName) {
    const mention = new RegExp(`@${escapeRegExp(botName)}(?:\\u2005|\\s|$)`, 'g');
    normalized = normalized.replace(mention, ' ');
  }
  return normalized.replace(/[\s\u2005\u3000]+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
