import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup, seedBranch } from './support/seed.ts';

describe('签到 through Wechaty on the mock puppet', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('records a check-in from a direct chat and replies at once', async () => {
    const branch = await seedBranch(h.db, [{ name: '张三' }]);
    const member = branch.members[0]!;
    const contact = h.world.createContact('老张');
    await bindDirectly(h.db, contact.id, member.id);

    contact.say('签到 西宁市城北区').to(h.world.self);

    const reply = await h.waitForSent((m) => m.conversationId === contact.id);
    expect(reply.text).toContain('签到成功');
    const rows = await h.db.checkIn.findMany({ where: { memberId: member.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.place).toBe('西宁市城北区');
  });
});
