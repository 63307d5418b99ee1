import { claimGroupHelpAnswer } from '../../domain/members/claim-group-help-answer.ts';
import type { Command } from '../command.ts';

/** 帮助 in a group chat is answered at most this often: the menu is long, and everybody sees it. */
const groupHelpIntervalMs = 10 * 60_000;

export const helpCommand: Command = {
  name: 'help',
  keywords: ['帮助', '菜单'],
  takesArguments: false,
  needsMember: false,
  help: '帮助 / 菜单 —— 查看可用指令',
  async handle(ctx) {
    if (ctx.group && !(await claimGroupHelpAnswer(ctx.db, { roomId: ctx.group.id, at: ctx.message.sentAt, withinMs: groupHelpIntervalMs }))) return;
    ctx.reply(ctx.menu());
  },
};
