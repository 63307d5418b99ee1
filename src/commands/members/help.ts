import type { Command } from '../command.ts';

export const helpCommand: Command = {
  name: 'help',
  keywords: ['帮助', '菜单'],
  takesArguments: false,
  needsMember: false,
  help: '帮助 / 菜单 —— 查看可用指令',
  handle(ctx) {
    ctx.reply(ctx.menu());
  },
};
