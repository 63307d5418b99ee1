import { describe, expect, it } from 'vitest';
import { Pacer } from '../src/delivery/pacer.ts';
import { parseQuietHours, quietHoursEnd } from '../src/delivery/quiet-hours.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours', () => {
  const quiet = parseQuietHours('22:00-08:00')!;

  it('parses a window and rejects nonsense', () => {
    expect(quiet).toEqual({ start: 22 * 60, end: 8 * 60 });
    expect(parseQuietHours('off')).toBeNull();
    expect(parseQuietHours('25:00-08:00')).toBeUndefined();
    expect(parseQuietHours('tonight')).toBeUndefined();
  });

  it('holds a message sent at night until 08:00 local time', () => {
    expect(quietHoursEnd(shanghai('2026-11-25T23:30:00'), quiet, 'Asia/Shanghai')?.toISOString()).toBe(
      shanghai('2026-11-26T08:00:00').toISOString(),
    );
    expect(quietHoursEnd(shanghai('2026-11-26T07:59:30'), quiet, 'Asia/Shanghai')?.toISOString()).toBe(
      shanghai('2026-11-26T08:00:00').toISOString(),
    );
  });

  it('lets daytime messages through, edges included', () => {
    expect(quietHoursEnd(shanghai('2026-11-26T08:00:00'), quiet, 'Asia/Shanghai')).toBeNull();
    expect(quietHoursEnd(shanghai('2026-11-26T21:59:59'), quiet, 'Asia/Shanghai')).toBeNull();
    expect(quietHoursEnd(shanghai('2026-11-26T22:00:00'), quiet, 'Asia/Shanghai')).not.toBeNull();
  });

  it('handles a window inside one day', () => {
    const lunch = parseQuietHours('12:00-13:30')!;
    expect(quietHoursEnd(shanghai('2026-11-26T12:10:00'), lunch, 'Asia/Shanghai')?.toISOString()).toBe(
      shanghai('2026-11-26T13:30:00').toISOString(),
    );
    expect(quietHoursEnd(shanghai('2026-11-26T14:00:00'), lunch, 'Asia/Shanghai')).toBeNull();
  });
});

describe('pacer', () => {
  function fakeClock() {
    let now = 1_000_000;
    const slept: number[] = [];
    return {
      now: () => now,
      sleep: async (ms: number) => {
        slept.push(ms);
        now += ms;
      },
      slept,
    };
  }

  it('spaces messages by the interval plus jitter', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ intervalMs: 3000, jitterMs: 2000, groupPauseMs: 0, random: () => 0.5, ...clock });
    for (let i = 0; i < 4; i += 1) await pacer.waitTurn(false);
    expect(clock.slept).toEqual([4000, 4000, 4000]);
  });

  it('pauses longer between group posts', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ intervalMs: 1000, jitterMs: 0, groupPauseMs: 10_000, random: () => 0, ...clock });
    await pacer.waitTurn(true);
    await pacer.waitTurn(false);
    await pacer.waitTurn(true);
    expect(clock.slept).toEqual([1000, 9000]);
  });
});
