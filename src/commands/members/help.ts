import { claimGroupHelpAnswer } from '../../domain/members/claim-group-help-answer.ts';
import type { Role } from '../../generated/prisma/client.ts';
import type { Command } from '../command.ts';

/** 帮助 in a group chat is answered at most this often: everybody in the group sees it. */
const groupHelpIntervalMs = 10 * 60_000;

/** What a member uses most, by keyword, in the order 帮助 lists them: seven lines fit a phone's screen. */
const everydayKeywords = ['签到', '我的', '报名', '已学', '请假', '去向', '建议'];

/** Keywords a line of 「帮助 书记」 or 「帮助 全部」 holds, so that a line fits a phone's width. */
const keywordsPerLine = 5;

/**
 * 帮助 (菜单): the everyday commands in a few lines; 「帮助 书记」 the secretaries' commands, 「帮助 全部」
 * every member command, 「帮助 签到」 one command with an example. `commands` is the registry's list,
 * passed in because the registry lists this command too.
 */
export function helpCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'help',
    keywords: ['帮助', '菜单'],
    takesArguments: true,
    needsMember: false,
    help: '帮助 [指令] —— 常用指令；「帮助 签到」看一条指令的说明和例子，「帮助 书记」看书记指令',
    async handle(ctx) {
      if (ctx.group && !(await claimGroupHelpAnswer(ctx.db, { roomId: ctx.group.id, at: ctx.message.sentAt, withinMs: groupHelpIntervalMs }))) return;
      ctx.reply(helpText(commands(), { role: ctx.sender.member?.role, topic: ctx.args }));
    },
  };
}

/** The answer to 帮助 with `topic` ('' for plain 帮助) for a sender of `role` (undefined: not bound yet). */
export function helpText(commands: readonly Command[], options: { role: Role | undefined; topic: string }): string {
  const topic = options.topic.replace(/[「」]/g, '').trim();
  const forSecretary = options.role === 'SECRETARY' || options.role === 'ADMIN';
  const helped = commands.filter((command) => command.help);
  if (topic === '') return everydayHelp(helped, options.role, forSecretary);
  if (topic === '书记' || topic === '管理员') return keywordLines('书记、管理员的指令', helped.filter((command) => command.forSecretaries));
  if (topic === '全部') return keywordLines('全部党员指令', helped.filter((command) => !command.forSecretaries));
  const command = helped.find((candidate) => candidate.keywords.includes(topic));
  if (!command) return `没有「${topic}」这条指令。发送「帮助」查看常用指令。`;
  const [usage, what] = command.help!.split(' —— ');
  return what ? `${usage}\n${what}` : usage!;
}

function everydayHelp(helped: readonly Command[], role: Role | undefined, forSecretary: boolean): string {
  const everyday = everydayKeywords.flatMap((keyword) => helped.filter((command) => command.keywords[0] === keyword));
  return [
    ...(role ? [] : ['请先私聊发送「绑定 姓名 手机号后四位」，例如「绑定 张三 1234」。']),
    '常用指令：',
    ...everyday.map((command) => `· ${shortHelp(command)}`),
    '发送「帮助 签到」看一条指令的说明和例子，「帮助 全部」看全部指令。',
    ...(forSecretary ? ['书记、管理员的指令：发送「帮助 书记」。'] : []),
  ].join('\n');
}

/** 「签到 [所在地] —— 每日签到，例如…」 → 「签到 —— 每日签到」: the keyword and the first clause. */
function shortHelp(command: Command): string {
  const what = command.help!.split(' —— ')[1] ?? '';
  return `${command.keywords[0]} —— ${what.split(/[，；,;（]/)[0]}`;
}

function keywordLines(heading: string, shown: readonly Command[]): string {
  const keywords = shown.map((command) => command.keywords[0]!);
  const lines: string[] = [];
  for (let start = 0; start < keywords.length; start += keywordsPerLine) lines.push(keywords.slice(start, start + keywordsPerLine).join(' · '));
  return [`${heading}：`, ...lines, `发送「帮助 指令」看说明和例子，例如「帮助 ${keywords[0] ?? '签到'}」。`].join('\n');
}
