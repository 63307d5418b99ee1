import { afterEach, describe, expect, it } from 'vitest';
import type { MockWorld } from '../src/simulator/mock-world.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

/** When each message left through this world's puppet. */
function recordSendTimes(world: MockWorld, into: { at: number; world: MockWorld }[]): void {
  world.onBotMessage(() => into.push({ at: performance.now(), world }));
}

describe('two processes on one bot account', () => {
  it('send one message per interval between them, not one each', async () => {
    // Replies keep a pace of their own; the same interval for both, so that every message counts here.
    const pace = { SEND_INTERVAL_SECONDS: '0.2', REPLY_INTERVAL_SECONDS: '0.2' };
    const first = await startHarness(pace);
    running.push(first);
    const { secretary, members } = await seedBranchWithPeople(first, 6, { linkedGroup: false });
    await first.ask(secretary, '通知 两个进程同一账号');
    // A second instance of the same BOT_NAME: same database, same Redis queues, its own WeChat stand-in.
    const second = await startHarness(
      { ...pace, QUEUE_PREFIX: first.config.QUEUE_PREFIX, DATABASE_URL: first.config.DATABASE_URL },
      {
        beforeStart: (world) => {
          for (const person of [secretary, ...members.map((m) => m.contact)]) world.createContact(person.payload.name, person.id);
        },
      },
    );
    running.push(second);
    const sends: { at: number; world: MockWorld }[] = [];
    recordSendTimes(first.world, sends);
    recordSendTimes(second.world, sends);

    secretary.say('确认').to(first.world.self);
    // The secretary is not in their own organisation's audience (issue 16).
    const recipients = members.length;
    while ((await first.db.delivery.count({ where: { status: 'SENT', broadcast: { text: { contains: '两个进程同一账号' } } } })) < recipients) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([first.settle(), second.settle()]);

    // The 确认 reply and the notices, shared out between the two processes…
    expect(sends.length).toBe(recipients + 1);
    expect(sends.some((send) => send.world === first.world)).toBe(true);
    expect(sends.some((send) => send.world === second.world)).toBe(true);
    // …at one pace (one each would be about twice as fast). A message takes a varying while from its
    // slot to WeChat on a loaded machine, so single gaps are allowed some slack, the whole run little.
    const gaps = sends.slice(1).map((send, i) => send.at - sends[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThan(100);
    expect(sends.at(-1)!.at - sends[0]!.at).toBeGreaterThan((sends.length - 1) * 200 - 100);
  });
});
