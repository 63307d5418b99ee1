import { parseCommand, type Command, type ParsedCommand } from '../commands/command.ts';
import { normalizeText } from '../commands/normalize-text.ts';
import { eventCommand } from '../commands/official-account/event-commands.ts';
import type { InboundMessage } from './inbound-message.ts';

/** The command a chat message calls, with its normalised text; null for chatter, whose text is not kept. */
export function readCommand(
  commands: readonly Command[],
  message: InboundMessage,
  botName?: string,
): { text: string; parsed: ParsedCommand } | null {
  // An official account's follow, unfollow or scan: WeChat's signed event, never typed text.
  const event = message.event && eventCommand(message.event);
  if (event) return { text: '', parsed: event };
  const text = message.text === undefined ? '' : normalizeText(message.text, botName);
  const parsed = text ? parseCommand(commands, text, { inGroup: message.roomId !== undefined }) : null;
  return parsed ? { text, parsed } : null;
}
