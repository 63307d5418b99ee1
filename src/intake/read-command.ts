import { parseCommand, type Command, type ParsedCommand } from '../commands/command.ts';
import { normalizeText } from '../commands/normalize-text.ts';
import type { InboundMessage } from './inbound-message.ts';

/** The command a chat message calls, with its normalised text; null for chatter, whose text is not kept. */
export function readCommand(
  commands: readonly Command[],
  message: InboundMessage,
  botName?: string,
): { text: string; parsed: ParsedCommand } | null {
  const text = message.text === undefined ? '' : normalizeText(message.text, botName);
  const parsed = text ? parseCommand(commands, text, { inGroup: message.roomId !== undefined }) : null;
  return parsed ? { text, parsed } : null;
}
