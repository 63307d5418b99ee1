import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Pacer, pacerKey, type PacerTimings } from '../src/delivery/pacer.ts';
import { createRedis } from '../src/queues/redis.ts';
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
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  afterAll(async () => {
    await redis.quit();
  });

  /** A pacer on a fresh account whose sleeps are recorded, not slept: each wait is measured from the booking. */
  function recordingPacer(timings: Partial<PacerTimings> & { random?: () => number }, key = pacerKey('test-pacer', randomUUID())) {
    const slept: number[] = [];
    const pacer = new Pacer({
      redis,
      key,
      intervalMs: 0,
      jitterMs: 0,
      replyIntervalMs: 0,
      replyJitterMs: 0,
      groupPauseMs: 0,
      strangerShare: 1,
      ...timings,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    return { pacer, slept, key };
  }

  /** Waits are measured against Redis' clock, which runs on while the test books: allow a little. */
  function expectAbout(actual: number[], expected: number[]) {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((ms, i) => {
      expect(ms).toBeLessThanOrEqual(expected[i]!);
      expect(ms).toBeGreaterThan(expected[i]! - 50);
    });
  }

  it('spaces messages by the interval plus jitter', async () => {
    const { pacer, slept } = recordingPacer({ intervalMs: 3000, jitterMs: 2000, random: () => 0.5 });
    for (let i = 0; i < 4; i += 1) await pacer.waitTurn({ group: false });
    expectAbout(slept, [4000, 8000, 12000]);
  });

  it('gives replies their own, shorter pace; a proactive message still waits its interval after any message', async () => {
    const { pacer, slept } = recordingPacer({ intervalMs: 1000, replyIntervalMs: 100 });
    await pacer.waitTurn({ group: false });
    for (let i = 0; i < 3; i += 1) await pacer.waitTurn({ group: false, reply: true });
    await pacer.waitTurn({ group: false });
    // The replies do not wait for the proactive interval; the next proactive message waits it after the last reply.
    expectAbout(slept, [100, 200, 300, 1300]);
  });

  it('pauses longer between group posts', async () => {
    const { pacer, slept } = recordingPacer({ intervalMs: 1000, groupPauseMs: 10_000 });
    await pacer.waitTurn({ group: true });
    await pacer.waitTurn({ group: false });
    await pacer.waitTurn({ group: true });
    expectAbout(slept, [1000, 10_000]);
  });

  it('holds one pace for two pacers (two processes) on the same account', async () => {
    const first = recordingPacer({ intervalMs: 1000 });
    const second = recordingPacer({ intervalMs: 1000 }, first.key);
    for (let i = 0; i < 2; i += 1) {
      await first.pacer.waitTurn({ group: false });
      await second.pacer.waitTurn({ group: false });
    }
    expectAbout([...first.slept, ...second.slept].sort((a, b) => a - b), [1000, 2000, 3000]);
  });

  it("keeps replies to strangers to their share of the pace, handing out turns in order, members unaffected", async () => {
    // A share of a quarter: one stranger per 4 intervals of 100 ms.
    const { pacer, slept } = recordingPacer({ intervalMs: 100, strangerShare: 0.25 });
    expect(await pacer.waitTurn({ group: false, stranger: true })).toEqual({ booked: true });
    const second = await pacer.waitTurn({ group: false, stranger: true });
    const third = await pacer.waitTurn({ group: false, stranger: true });
    expect(await pacer.waitTurn({ group: false })).toEqual({ booked: true });

    expect(second.booked).toBe(false);
    expect(third.booked).toBe(false);
    if (second.booked || third.booked) return;
    expectAbout([second.retryInMs, third.retryInMs], [400, 800]);
    expectAbout(slept, [100]);
  });
});
