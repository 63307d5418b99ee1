import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const menuHeading = '常用指令';
const minutes = (count: number) => count * 60_000;

describe('strangers cannot starve members', () => {
  it('answers a contact not bound to a member at most once an hour in a direct chat, 绑定 aside', async () => {
    h = await startHarness();
    const stranger = h.world.createContact('路人');
    const now = Date.now();

    for (const [i, text] of ['你好', '签到', '帮助', '我的', '在吗'].entries()) h.world.deliver({ from: stranger, text, timestamp: now + i });
    await h.settle();
    expect(h.received(stranger.id)).toHaveLength(1);

    // Binding is how a stranger becomes a member: always answered.
    h.world.deliver({ from: stranger, text: '绑定 不在名册 0000', timestamp: now + 10 });
    await h.settle();
    expect(h.received(stranger.id)).toHaveLength(2);

    h.world.deliver({ from: stranger, text: '签到', timestamp: now + minutes(59) });
    await h.settle();
    expect(h.received(stranger.id)).toHaveLength(2);
    h.world.deliver({ from: stranger, text: '签到', timestamp: now + minutes(61) });
    await h.settle();
    expect(h.received(stranger.id)).toHaveLength(3);
    expect(h.received(stranger.id)[2]!.text).toContain('绑定');
  });

  it('answers 帮助 in a group at most once per group per 10 minutes', async () => {
    h = await startHarness();
    const { members, room } = await seedBranchWithPeople(h, 2);
    const [first, second] = members.map((m) => m.contact) as [(typeof members)[0]['contact'], (typeof members)[0]['contact']];
    const otherRoom = h.world.createRoom('老乡群', [first]);
    const stranger = h.world.createContact('路人');
    const now = Date.now();
    const menusIn = (roomId: string) => h.received(roomId).filter((m) => m.text.includes(menuHeading)).length;

    h.world.deliver({ from: first, room, text: '帮助', timestamp: now });
    h.world.deliver({ from: second, room, text: '帮助', timestamp: now + 1 });
    h.world.deliver({ from: first, room, text: '菜单', timestamp: now + 2 });
    h.world.deliver({ from: stranger, room, text: '帮助', timestamp: now + 3 });
    h.world.deliver({ from: first, room: otherRoom, text: '帮助', timestamp: now + 4 });
    await h.settle();
    expect(menusIn(room.id)).toBe(1);
    expect(menusIn(otherRoom.id)).toBe(1);

    h.world.deliver({ from: second, room, text: '帮助', timestamp: now + minutes(9) });
    await h.settle();
    expect(menusIn(room.id)).toBe(1);
    h.world.deliver({ from: second, room, text: '帮助', timestamp: now + minutes(11) });
    await h.settle();
    expect(menusIn(room.id)).toBe(2);
  });

  it("puts a member's reply before a backlog of replies to strangers, which get a small share of the pace", async () => {
    // One message per 20 ms, a twentieth of it for strangers: one reply to a stranger per 400 ms.
    h = await startHarness({ SEND_INTERVAL_SECONDS: '0.02', STRANGER_REPLY_SHARE: '0.05' });
    const { members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const member = members[0]!.contact;
    const strangers = Array.from({ length: 6 }, (_, i) => h.world.createContact(`路人${i + 1}`));
    const sentAt = new Map<string, number>();
    h.world.onBotMessage(({ conversationId }) => sentAt.set(conversationId, performance.now()));

    for (const stranger of strangers) stranger.say('你好').to(h.world.self);
    await h.waitForSent((m) => strangers.some((s) => s.id === m.conversationId));
    const memberAsked = performance.now();
    member.say('签到').to(h.world.self);
    expect((await h.waitForSent((m) => m.conversationId === member.id)).text).toContain('签到成功');

    const answeredBefore = [...sentAt.entries()].filter(([id, at]) => id !== member.id && at > memberAsked && at < sentAt.get(member.id)!);
    expect(answeredBefore.length).toBeLessThanOrEqual(1);
    // Every stranger is answered in the end, one at a time at their share of the pace.
    for (const stranger of strangers) await h.waitForSent((m) => m.conversationId === stranger.id);
    const strangerTimes = strangers.map((s) => sentAt.get(s.id)!).sort((a, b) => a - b);
    // A turn may come a quarter gap early; a message takes a varying while to reach WeChat on a loaded machine.
    const gaps = strangerTimes.slice(1).map((at, i) => at - strangerTimes[i]!);
    expect(Math.min(...gaps)).toBeGreaterThan(200);
    expect(strangerTimes.at(-1)! - strangerTimes[0]!).toBeGreaterThan(300 + 4 * 400 - 100);
  });
});
