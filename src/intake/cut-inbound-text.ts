/**
 * The most of a chat message's text the bot reads (a 通知 is at most 1,000 characters, a kept command
 * 2,000): anything longer is cut here, at the front door, before any pattern runs on it, so that no
 * message costs more than this much work whatever its length.
 */
export const inboundTextLimit = 4_000;

/** The text cut to `inboundTextLimit` UTF-16 units, never halving a character outside the BMP (an emoji). */
export function cutInboundText(text: string): string {
  if (text.length <= inboundTextLimit) return text;
  const lastKept = text.charCodeAt(inboundTextLimit - 1);
  const halvesAPair = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return text.slice(0, halvesAPair ? inboundTextLimit - 1 : inboundTextLimit);
}
