import { bindGroupCommand } from './bind-group.ts';
import { bindCommand } from './bind.ts';
import { checkInCommand } from './check-in.ts';
import type { Command } from './command.ts';
import { helpCommand } from './help.ts';
import { meCommand } from './me.ts';

/** Every chat command, in menu order. A new command is one file plus one line here. */
export const commands: readonly Command[] = [checkInCommand, meCommand, bindCommand, bindGroupCommand, helpCommand];

export function menuText(list: readonly Command[] = commands): string {
  const lines = list.flatMap((command) => (command.help ? [`· ${command.help}`] : []));
  return ['您可以发送以下指令：', ...lines].join('\n');
}
