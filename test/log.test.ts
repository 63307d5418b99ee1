import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';

describe('logs keep personal data out', () => {
  it('logs the first line of an error (not the query values that follow it) and redacts phones and texts', () => {
    const error = Object.assign(
      new Error('\nInvalid `prisma.member.create()` invocation:\n\n{ data: { name: "张三", phone: "13912345678" } }\n\nUnique constraint failed'),
      { code: 'P2002' },
    );
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('info', sink);
    log.error({ err: error, messageId: 'm1' }, 'command failed');
    log.info({ phone: '13912345678', member: { text: '我叫张三' } }, 'a mistake');

    const logged = lines.join('');
    expect(logged).toContain('Invalid `prisma.member.create()` invocation:');
    expect(logged).toContain('P2002');
    expect(logged).not.toContain('张三');
    expect(logged).not.toContain('13912345678');
  });
});
