import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/commands/command.ts';
import { normalizeText } from '../src/commands/normalize-text.ts';
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
