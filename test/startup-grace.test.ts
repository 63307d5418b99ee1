import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, seedBranch } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function boundMember(harness: Harness) {
  const branch = await seedBranch(harness.db, [{ name: '张三' }]);
  const member = branch.members[0]!;
  const contact = harness.world.createContact('张三');
  await bindDirectly(harness.db, contact.id, member.id);
  return { member, contact };
}

describe('messages around start-up', () => {
  it('handles a message stamped a moment before start-up (a lagging clock, whole-second stamps)', async () => {
    const startedAround = Date.now();
    h = await startHarness();
    const { member, contact } = await boundMember(h);

    h.world.deliver({ from: contact, text: '签到', timestamp: startedAround - 5_000 });

    expect((await h.waitForSent((m) => m.conversationId === contact.id)).text).toContain('签到成功');
    expect(await h.db.checkIn.count({ where: { memberId: member.id } })).toBe(1);
  });

  it('does not handle again a message handled before a restart and replayed after it', async () => {
    h = await startHarness();
    const { member, contact } = await boundMember(h);
    const sentAt = Date.now();
    const id = h.world.deliver({ from: contact, text: '建议 周末开放活动室', timestamp: sentAt });
    await h.settle();
    expect(h.received(contact.id)).toHaveLength(1);
    await h.stop();

    h = await startHarness(
      { QUEUE_PREFIX: h.config.QUEUE_PREFIX, DATABASE_URL: h.config.DATABASE_URL },
      { beforeStart: (world) => world.createContact('张三', contact.id) },
    );
    // The puppet replays what it delivered just before the restart.
    h.world.deliver({ from: contact, text: '建议 周末开放活动室', id, timestamp: sentAt });
    await h.settle();

    expect(h.received(contact.id)).toHaveLength(0);
    expect(await h.db.suggestion.count({ where: { memberId: member.id } })).toBe(1);
  });
});
