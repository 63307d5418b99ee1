import { isSpace, trimCharacters } from '../domain/shared/trim-characters.ts';
import type { CommandContext } from './context.ts';

/** One chat command: the words that call it, and its handler. Registered in ./registry.ts. */
export interface Command {
  /** Stored with the inbound message, and used in logs. */
  name: string;
  /** What a member types first; the longest match wins (绑定本群 before 绑定). */
  keywords: string[];
  /**
   * Commands without arguments match only the exact text, so group chatter ("我的天") is not a command.
   * Trailing punctuation (签到！ 我的。) is part of no keyword and is ignored.
   */
  takesArguments: boolean;
  /** Text in a direct chat that calls no keyword but looks like a try at one (签到了), or an answer (a poll's 「2」): this command handles it, with the text as its args. */
  nearMiss?: RegExp;
  /** Its text is never stored (绑定 carries a phone ending): only who, when and which command. */
  storesNoText?: true;
  /**
   * Its answer carries the sender's own data (我的, 请假, 去向 …): sent in a group, it is answered in a
   * direct chat and the group hears one short line that it was.
   */
  answersPrivately?: true;
  /** Only a bound member may use it; others are asked (once) to bind. */
  needsMember: boolean;
  /** One line for the 帮助 menu; absent hides the command from the menu. */
  help?: string;
  /** Shown in the menu to secretaries and admins only. */
  forSecretaries?: true;
  handle(ctx: CommandContext): Promise<void> | void;
}

export interface ParsedCommand {
  command: Command;
  /** The text after the keyword, trimmed ('' when none). */
  args: string;
}

/** Sentence-ending marks members add out of habit (签到！ 签到。 签到~); a question (签到？) is not a command. */
const trailingPunctuation = new Set([...'!！。.，,、~～…']);
const isTrailing = (char: string) => trailingPunctuation.has(char) || isSpace(char);

/**
 * Finds the command a normalised text calls, or null for ordinary chatter. In a group a near-miss
 * (签到了) is chatter too: nothing answers it there, so its text is not even queued.
 */
export function parseCommand(commands: readonly Command[], text: string, options: { inGroup?: boolean } = {}): ParsedCommand | null {
  const bare = trimCharacters(text, isTrailing, 'end');
  let best: ParsedCommand | null = null;
  let bestLength = 0;
  for (const command of commands) {
    for (const keyword of command.keywords) {
      if (keyword.length <= bestLength) continue;
      if (bare === keyword) {
        best = { command, args: '' };
        bestLength = keyword.length;
      } else if (command.takesArguments && (text.startsWith(`${keyword} `) || text.startsWith(`${keyword}@`))) {
        // 活动@志愿者 … : a target may follow the keyword without a space.
        best = { command, args: text.slice(keyword.length).trim() };
        bestLength = keyword.length;
      }
    }
  }
  if (best || options.inGroup) return best;
  const guessed = commands.find((command) => command.nearMiss?.test(bare));
  // The whole text is the argument: a poll's answer (「1 3」) is nothing but it.
  return guessed ? { command: guessed, args: bare } : null;
}
