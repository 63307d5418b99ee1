import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup, seedBranch } from './support/seed.ts';

const windowSeconds = 2;

describe('batched group replies', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ GROUP_REPLY_WINDOW_SECONDS: String(windowSeconds) });
  });
  afterEach(async () => {
    await h.stop();
  });

  it("answers a burst of group check-ins with one summary naming them and today's rate", async () => {
    const branch = await seedBranch(h.db, [{ name: '甲' }, { name: '乙' }, { name: '丙' }, { name: '丁' }]);
    const contacts = [];
    for (const member of branch.members) {
      const contact = h.world.createContact(member.name);
      await bindDirectly(h.db, contact.id, member.id);
      contacts.push(contact);
    }
    const room = h.world.createRoom('流动党员群', contacts);
    await linkGroup(h.db, room.id, branch.organizationId);
    await untilWindowStarts();

    for (const contact of contacts.slice(0, 3)) contact.say('签到').to(room);
    await h.settle();
    expect(h.sent.filter((m) => m.conversationId === room.id)).toHaveLength(0);

    const summary = await h.waitForSent((m) => m.conversationId === room.id, windowSeconds * 1000 + 5_000);
    expect(summary.text).toMatch(/^✅ 签到 3 人：/);
    for (const member of branch.members.slice(0, 3)) expect(summary.text).toContain(member.name);
    expect(summary.text).not.toContain(branch.members[3]!.name);
    expect(summary.text).toContain('今日已签到 3/4');

    // The next burst gets its own summary with only the newcomer.
    contacts[3]!.say('签到').to(room);
    const next = await h.waitForSent((m) => m.conversationId === room.id && m !== summary, windowSeconds * 1000 + 5_000);
    expect(next.text).toMatch(/^✅ 签到 1 人：/);
    expect(next.text).toContain(branch.members[3]!.name);
    expect(next.text).toContain('今日已签到 4/4');
    await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 + 500));
    expect(h.sent.filter((m) => m.conversationId === room.id)).toHaveLength(2);
  });
});

/** Waits for the start of a summary window, so a quick burst falls in one window. */
async function untilWindowStarts(): Promise<void> {
  const windowMs = windowSeconds * 1000;
  await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 20));
}
