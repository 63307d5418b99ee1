import { afterEach, describe, expect, it } from 'vitest';
import { weeklyDigest } from '../jobs/digest.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { answerTo } from './support/conversation.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

function say(contact: ContactMock, text: string): Promise<string> {
  return answerTo(h, contact, text);
}

describe('answers to suggestions (建议列表, 回复建议, 采纳)', () => {
  it('a suggestion answered and adopted: the member is told each once, sees both in 我的, the digest counts them', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 2, { linkedGroup: false });
    const [author, other] = members as [(typeof members)[0], (typeof members)[0]];
    await say(author.contact, '建议 周末开放党群服务中心的自习室');
    const suggestion = await h.db.suggestion.findFirstOrThrow({ where: { memberId: author.row.id } });

    const list = await say(secretary, '建议列表');
    expect(list).toContain(`${suggestion.id}. ${author.row.name}`);
    expect(list).toContain('周末开放党群服务中心的自习室');

    expect(await say(secretary, `回复建议 ${suggestion.id} 已转社区，下周开放自习室`)).toContain(`已回复建议 ${suggestion.id}`);
    expect(h.received(author.contact.id).map((m) => m.text)).toContainEqual(
      '【建议回复】您提的建议「周末开放党群服务中心的自习室」，书记回复：\n已转社区，下周开放自习室',
    );
    // Answered: no longer open, and a second answer is refused and sends nothing.
    expect(await say(secretary, '建议列表')).toContain('没有待回复的建议');
    const before = h.received(author.contact.id).length;
    expect(await say(secretary, `回复建议 ${suggestion.id} 再说一遍`)).toContain('已经回复过');

    expect(await say(secretary, `采纳 ${suggestion.id}`)).toContain(`已采纳建议 ${suggestion.id}`);
    expect(await say(secretary, `采纳 ${suggestion.id}`)).toContain('已经采纳过');
    const received = h.received(author.contact.id).slice(before).map((m) => m.text);
    expect(received).toEqual(['【建议采纳】您提的建议「周末开放党群服务中心的自习室」已被采纳，感谢您为家乡建言献策！']);
    expect(h.received(other.contact.id)).toEqual([]);

    const me = await say(author.contact, '我的');
    expect(me).toContain('建言献策：共 1 条，被采纳 1 条');
    expect(me).toContain('周末开放党群服务中心的自习室（已采纳） —— 书记回复：已转社区，下周开放自习室');

    await weeklyDigest.run(h.plugin.assistant!.jobContext, new Date());
    await h.settle();
    const digest = h.received(secretary.id).find((m) => m.text.startsWith('📋 每周简报'));
    expect(digest?.text).toContain('建议办理：本周回复 1 条，采纳 1 条。');
  });

  it('bad input gets a usage line and changes nothing; a member may not answer or adopt', async () => {
    h = await startHarness();
    const { secretary, members } = await seedBranchWithPeople(h, 1, { linkedGroup: false });
    const author = members[0]!;
    await say(author.contact, '建议 多建几个充电桩');
    const suggestion = await h.db.suggestion.findFirstOrThrow({ where: { memberId: author.row.id } });

    expect(await say(secretary, '回复建议')).toContain('格式：回复建议 编号 内容');
    expect(await say(secretary, `回复建议 ${suggestion.id}`)).toContain('格式：回复建议 编号 内容');
    expect(await say(secretary, `回复建议 999999999 好的`)).toContain('没有编号为 999999999 的建议');
    expect(await say(secretary, `回复建议 ${suggestion.id} ${'长'.repeat(501)}`)).toContain('最多 500 字');
    expect(await say(secretary, '采纳 十二')).toContain('格式：采纳 编号');
    expect(await say(secretary, '采纳 999999999')).toContain('没有编号为 999999999 的建议');
    expect(await say(author.contact, `回复建议 ${suggestion.id} 我自己回复`)).toContain('无权限');
    expect(await say(author.contact, `采纳 ${suggestion.id}`)).toContain('无权限');
    expect(await say(author.contact, '建议列表')).toContain('无权限');

    const after = await h.db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } });
    expect(after).toMatchObject({ replyText: null, repliedAt: null, adoptedAt: null });
    expect(await h.db.broadcast.count({ where: { kind: 'SUGGESTION_REPLY', organizationId: suggestion.organizationId } })).toBe(0);
  });
});
