import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/commands/command.ts';
import { normalizeText } from '../src/commands/normalize-text.ts';
import { helpText } from '../src/commands/members/help.ts';
import { commands } from '../src/commands/registry.ts';

const parse = (text: string, botName?: string) => {
  const parsed = parseCommand(commands, normalizeText(text, botName));
  return parsed && { name: parsed.command.name, args: parsed.args };
};

describe('reading commands from chat text', () => {
  it('matches commands with and without arguments', () => {
    expect(parse('签到')).toEqual({ name: 'check-in', args: '' });
    expect(parse('  签到   西宁市 城北区 ')).toEqual({ name: 'check-in', args: '西宁市 城北区' });
    expect(parse('绑定 张三 1234')).toEqual({ name: 'bind', args: '张三 1234' });
    expect(parse('菜单')).toEqual({ name: 'help', args: '' });
  });

  it('prefers the longest keyword', () => {
    expect(parse('绑定本群 城北区/祁连路社区/流动党员支部')).toEqual({ name: 'bind-group', args: '城北区/祁连路社区/流动党员支部' });
  });

  it('normalises full-width characters and strips an @mention of the bot', () => {
    expect(parse('签到　西宁')).toEqual({ name: 'check-in', args: '西宁' });
    expect(parse('绑定 张三 １２３４')).toEqual({ name: 'bind', args: '张三 1234' });
    expect(parse('@党建助手\u2005签到', '党建助手')).toEqual({ name: 'check-in', args: '' });
    expect(parse('@党建助手 我的', '党建助手')).toEqual({ name: 'me', args: '' });
  });

  it('leaves ordinary chatter alone', () => {
    expect(parse('我的天，今天好冷')).toBeNull();
    expect(parse('签到了吗')).toBeNull();
    expect(parse('我的 车坏了')).toBeNull();
    expect(parse('大家好')).toBeNull();
  });
});

describe('帮助, sized for a phone', () => {
  const help = (topic: string, role?: 'MEMBER' | 'SECRETARY') => helpText(commands, { role, topic });

  it('gives a member the everyday commands in a few lines', () => {
    const lines = help('', 'MEMBER').split('\n');
    expect(lines.length).toBeLessThanOrEqual(10);
    const listed = lines.filter((line) => line.startsWith('· '));
    expect(listed.length).toBeGreaterThanOrEqual(5);
    expect(listed.length).toBeLessThanOrEqual(7);
    expect(listed[0]).toBe('· 签到 —— 每日签到');
    expect(help('', 'MEMBER')).not.toContain('书记');
    expect(help('', 'MEMBER')).not.toContain('绑定');
  });

  it("tells a secretary how to see theirs, and 帮助 书记 lists them in a few lines", () => {
    expect(help('', 'SECRETARY')).toContain('「帮助 书记」');
    const secretaries = help('书记', 'SECRETARY');
    expect(secretaries).toContain('活动 · 通知');
    expect(secretaries.split('\n').length).toBeLessThanOrEqual(12);
    expect(secretaries).not.toContain('· 签到 ·');
  });

  it('asks someone not bound yet to bind first', () => {
    expect(help('', undefined).split('\n')[0]).toBe('请先私聊发送「绑定 姓名 手机号后四位」，例如「绑定 张三 1234」。');
  });

  it('explains one command with an example, and says when there is no such command', () => {
    expect(help('签到')).toBe('签到 [所在地]\n每日签到，例如「签到 西宁市城北区」');
    expect(help('「报名」')).toContain('例如「报名 12」');
    expect(help('吃饭')).toBe('没有「吃饭」这条指令。发送「帮助」查看常用指令。');
  });

  it('has an example for every command that takes more than its keyword', () => {
    const withoutExample = commands.filter((command) => command.help && command.takesArguments && !/「[^」]+」/.test(command.help));
    expect(withoutExample.map((command) => command.help)).toEqual([]);
  });
});
