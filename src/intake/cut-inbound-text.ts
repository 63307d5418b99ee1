/**
 * The most of a chat message's text the bot reads (a 通知 is at most 1,000 characters, a kept command
 * 2,000): anything longer is cut here, at the front door, before any pattern runs on it, so that no
 * message costs more than this much work whatever its length.
 */
export const inboundTextLimit = 4_000;

/** Half a surrogate pair with no other half: one code unit each side at most, so linear. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The text cut to `inboundTextLimit` UTF-16 units, never halving a character outside the BMP (an emoji),
 * and well-formed: a lone surrogate becomes U+FFFD, as a UTF-8 encoder writes it (Prisma refuses one
 * in a text array: 特长 with half an emoji failed).
 */
export function cutInboundText(text: string): string {
  return cut(text).replace(loneSurrogate, '\ufffd');
}

function cut(text: string): string {
  if (text.length <= inboundTextLimit) return text;
  const lastKept = text.charCodeAt(inboundTextLimit - 1);
  const halvesAPair = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return text.slice(0, halvesAPair ? inboundTextLimit - 1 : inboundTextLimit);
}
