/**
 * Turns what a member typed into the form commands are matched on:
 * full-width letters, digits and spaces become half-width (NFKC), an @mention of the bot
 * is removed wherever it stands, and runs of white space become one space.
 */
export function normalizeText(text: string, botName?: string): string {
  let normalized = text.normalize('NFKC');
  if (botName) {
    const mention = new RegExp(`@${escapeRegExp(botName.normalize('NFKC'))}(?:\\u2005|\\s|$)`, 'g');
    normalized = normalized.replace(mention, ' ');
  }
  return normalized.replace(/[\s\u2005]+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
