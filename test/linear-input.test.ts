import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as PUPPET from 'wechaty-puppet';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/commands/command.ts';
import { splitLastWord, splitNameAndDigits } from '../src/commands/name-and-digits.ts';
import { normalizeText } from '../src/commands/normalize-text.ts';
import { commands } from '../src/commands/registry.ts';
import { splitTarget } from '../src/commands/guards.ts';
import { findActivityTime, parseActivityTime } from '../src/domain/activities/parse-activity-time.ts';
import { parseHelp } from '../src/domain/hardship/parse-help.ts';
import { postKeywords } from '../src/domain/jobs/seeker-matches-sql.ts';
import { parseLeaveRequest } from '../src/domain/leave/parse-leave.ts';
import { parseServiceDuration } from '../src/domain/teams/parse-service-duration.ts';
import { isTeamName } from '../src/domain/teams/team-name.ts';
import { parsePoll } from '../src/domain/polls/parse-poll.ts';
import { parsePollAnswer } from '../src/domain/polls/parse-poll-answer.ts';
import { parseQuizAnswer } from '../src/domain/study/parse-quiz-answer.ts';
import { parseVisitText, whereaboutsInNote } from '../src/domain/visits/visit-text.ts';
import { inboundTextLimit } from '../src/intake/cut-inbound-text.ts';
import { readCommand } from '../src/intake/read-command.ts';
import { toInboundMessage } from '../src/wechaty/puppet-intake.ts';

// Linear means 100,000 characters in well under a second. A quadratic pattern needs about a second
// for 10,000 already, so each case is tried at 10,000 first (and fails there in bounded time).
const budgets = [
  { length: 10_000, ms: 150 },
  { length: 100_000, ms: 1_000 },
];

/** What blows up backtracking patterns: long runs of what they loop on, then a character that fails the match. */
const units = [' ', '  x', '。', '！', '.', '，', '~', '…', '１', '1', '1 ', '@', '@a ', '　', '\u2005', '\u200b', 'a', 'a ', '张', '张 ', '在', '在x', '到', '天', '元', '\n', '\t', '-', '/', '年', '月1'];
const prefixes = ['', '签到', '签到 ', '投票 标题 1.甲 ', '截止 ', '绑定 ', '请假 到', '请假 1', '帮扶 张三 慰问金 ', '走访 张三 ', '活动 ', '@bot ', '到', '在', '《'];

function* worstCases(length: number): Generator<string> {
  for (const prefix of prefixes) {
    for (const unit of units) {
      const run = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      yield `${prefix}${run}`;
      yield `${prefix}${run}x`;
      yield `${prefix}${run}？`;
    }
  }
}

/** The first worst case that takes longer than `budgetMs` (a quadratic one is not waited out a thousand times), or null. */
function firstSlowCase(run: (text: string) => unknown, length: number, budgetMs: number): { ms: number; text: string } | null {
  for (const text of worstCases(length)) {
    // Over budget three times running: a garbage collection or a busy machine passes on a second try.
    let ms = Infinity;
    for (let attempt = 0; attempt < 3 && ms > budgetMs; attempt++) ms = Math.min(ms, timed(run, text));
    if (ms > budgetMs) return { ms: Math.round(ms), text: text.slice(0, 24) };
  }
  return null;
}

function timed(run: (text: string) => unknown, text: string): number {
  const started = performance.now();
  run(text);
  return performance.now() - started;
}

function expectLinear(run: (text: string) => unknown): void {
  for (const { length, ms } of budgets) {
    // The text that took too long, shortened, says which pattern to look at.
    expect(firstSlowCase(run, length, ms), `${length} characters`).toBeNull();
  }
}

const timeOptions = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Shanghai' };

describe('every parser on the message path runs in linear time', () => {
  const parsers: Record<string, (text: string) => unknown> = {
    normalizeText: (text) => normalizeText(text, 'bot'),
    'parseCommand (direct chat)': (text) => parseCommand(commands, text),
    'parseCommand (group)': (text) => parseCommand(commands, text, { inGroup: true }),
    readCommand: (text) => readCommand(commands, { id: 'm', contactId: 'c', text, sentAt: 0 }, 'bot'),
    'activity time (one token)': (text) => parseActivityTime(text, timeOptions),
    'activity time (the words)': (text) => findActivityTime(text.split(' '), timeOptions),
    'activity duration': (text) => parseServiceDuration(['时长', text]),
    'activity target': splitTarget,
    leave: (text) => parseLeaveRequest(text, timeOptions.now, timeOptions.timeZone),
    'hardship help': parseHelp,
    'name and phone ending (解绑, 走访 …)': splitNameAndDigits,
    'name and phone ending (绑定)': (text) => splitNameAndDigits(text, { digitsMayTouch: true }),
    'name and new phone (换号)': splitLastWord,
    'visit text': parseVisitText,
    'whereabouts in a visit note': whereaboutsInNote,
    'job post words': postKeywords,
    'team name': isTeamName,
    poll: (text) => parsePoll(text, timeOptions),
    'poll answer': (text) => parsePollAnswer(text, { optionCount: 9, multiple: true }),
    'quiz answer': (text) => parseQuizAnswer(text, 1),
  };
  for (const [name, run] of Object.entries(parsers)) {
    // Over a thousand worst cases of 100,000 characters each: linear, but not quick on a shared machine.
    it(name, () => expectLinear(run), 180_000);
  }
});

/**
 * Patterns run on the operator's configuration (short, checked at start-up), never on what a chat or
 * a web form sends: not on the message path.
 */
const readsConfigurationOnly = new Set([
  'official-account/official-account-api.ts /\\/+$/', // OA_API_BASE without its trailing slashes
  'official-account/template-message.ts /\\d+$/', // OA_TEMPLATES keys (thing1 → thing), checked by /^[a-z_]+\d*$/
]);

describe('every regular expression literal in src/', () => {
  const literals = regexLiterals(join(import.meta.dirname, '../src'));

  it('finds the patterns', () => {
    expect(literals.length).toBeGreaterThan(40);
  });

  it('runs in linear time on worst cases', () => {
    const slow: string[] = [];
    for (const { where, pattern } of literals) {
      if (readsConfigurationOnly.has(`${where.split(':')[0]} ${pattern}`)) continue;
      // 20,000 characters: a tight quadratic loop takes most of a second there, a linear one a few ms.
      const slowest = firstSlowCase((text) => text.replace(new RegExp(pattern.source, pattern.flags), ''), 20_000, 150);
      if (slowest) slow.push(`${where} ${pattern} ${slowest.ms} ms on ${JSON.stringify(slowest.text)}…`);
    }
    expect(slow).toEqual([]);
  }, 180_000);
});

describe('the front door cuts every text', () => {
  it('a 100,000-character puppet message reaches intake cut to the documented maximum', () => {
    const text = `签到${'。'.repeat(100_000)}x`;
    const message = toInboundMessage(
      { id: 'm1', talkerId: 'stranger', roomId: 'room', type: PUPPET.types.Message.Text, text, timestamp: 1_700_000_000 } as PUPPET.payloads.Message,
      'self',
    );
    expect(inboundTextLimit).toBe(4_000);
    expect(message?.text).toBe(text.slice(0, 4_000));
  });

  it('a cut never leaves half of a surrogate pair', () => {
    const text = `${'a'.repeat(3_999)}😀😀`;
    const message = toInboundMessage(
      { id: 'm2', talkerId: 'stranger', type: PUPPET.types.Message.Text, text, timestamp: 1_700_000_000 } as PUPPET.payloads.Message,
      'self',
    );
    expect(message?.text).toBe('a'.repeat(3_999));
  });
});

/** Every /…/ literal in the TypeScript sources, found by the compiler's own parser. */
function regexLiterals(root: string): { where: string; pattern: RegExp }[] {
  const found: { where: string; pattern: RegExp }[] = [];
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.startsWith('generated'));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const end = text.lastIndexOf('/');
        const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
        found.push({ where, pattern: new RegExp(text.slice(1, end), text.slice(end + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
