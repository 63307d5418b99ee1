import type { ParsedCommand } from '../command.ts';
import { followCommand } from './follow.ts';
import { scanCommand } from './scan.ts';
import { unfollowCommand } from './unfollow.ts';

/** The command an official account's event runs; a menu click is its key, parsed as typed text (null here). */
export function eventCommand(event: { kind: 'follow' | 'unfollow' | 'scan' | 'click'; scene?: string }): ParsedCommand | null {
  const args = event.scene ?? '';
  switch (event.kind) {
    case 'follow':
      return { command: followCommand, args };
    case 'unfollow':
      return { command: unfollowCommand, args };
    case 'scan':
      return { command: scanCommand, args };
    case 'click':
      return null;
  }
}
