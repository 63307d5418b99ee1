import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { startOfficialAccount, textOf, type OfficialAccountHarness } from './support/official-account-harness.ts';
import { bindDirectly, linkGroup, seedBranch } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';

let personal: Harness | undefined;
let official: OfficialAccountHarness | undefined;
afterEach(async () => {
  await personal?.stop();
  await official?.stop();
  personal = official = undefined;
});

describe('a member on the official account and on a personal account at once', () => {
  it('binds on both without one binding replacing the other: notices come through the official account, group check-ins count', async () => {
    official = await startOfficialAccount();
    personal = await startHarness({ DATABASE_URL: official.config.DATABASE_URL, QUEUE_PREFIX: official.config.QUEUE_PREFIX, BOT_NAME: 'personal-a' });
    const branch = await seedBranch(official.db, [{ name: '书记', role: 'SECRETARY' }, { name: '张三' }]);
    const [secretaryRow, zhang] = branch.members as [(typeof branch.members)[0], (typeof branch.members)[0]];
    official.wechat.follow('o-secretary');
    await bindDirectly(official.db, 'o-secretary', secretaryRow.id);
    await official.db.wechatContact.update({ where: { id: 'o-secretary' }, data: { account: official.config.BOT_NAME, officialAccount: true } });

    // First in a personal account's chat, as members did before the district had its 服务号.
    const onPersonal = personal.world.createContact('张三');
    const room = personal.world.createRoom('支部群', [onPersonal]);
    await linkGroup(personal.db, room.id, branch.organizationId);
    expect(await personal.ask(onPersonal, `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`)).toContain('绑定成功');

    // Then on the official account: it reaches the member from now on; the personal contact is told and stays.
    official.wechat.follow('o-zhang');
    const bound = await official.ask('o-zhang', `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`);
    expect(bound).toContain('绑定成功');
    expect(bound).toContain('通过服务号');
    await personal.waitForSent((m) => m.conversationId === onPersonal.id && m.text.includes('另一个微信账号'));
    expect(await official.db.wechatContact.findUniqueOrThrow({ where: { id: 'o-zhang' } })).toMatchObject({ memberId: zhang.id, officialAccount: true });
    expect(await official.db.wechatContact.findUniqueOrThrow({ where: { id: onPersonal.id } })).toMatchObject({ memberId: null, speaksForId: zhang.id });

    // 签到 in the group through the personal account counts as 张三's.
    onPersonal.say('签到').to(room);
    await waitFor(async () => (await official!.db.checkIn.count({ where: { memberId: zhang.id } })) === 1);

    // A notice reaches 张三 once, through the official account, and nothing proactive goes to the personal contact.
    // (The secretary's 【绑定提醒】s waited for their window: they come with the first answer.)
    await official.say('o-secretary', '通知 周六上午打扫社区卫生');
    await official.waitForSent((m) => m.openId === 'o-secretary' && textOf(m).includes('回复「确认」'));
    await official.say('o-secretary', '确认');
    await official.waitForSent((m) => m.openId === 'o-zhang' && textOf(m).includes('打扫社区卫生'));
    await official.settle();
    await personal.settle();
    expect(personal.received(onPersonal.id).filter((m) => m.text.includes('打扫社区卫生'))).toEqual([]);

    // A second personal contact for the same member is refused like a wrong guess.
    const another = personal.world.createContact('张三二号');
    expect(await personal.ask(another, `绑定 ${zhang.name} ${zhang.phone.slice(-4)}`)).toContain('没有找到');

    // 解绑 by the secretary frees both.
    await official.say('o-secretary', `解绑 ${zhang.name}`);
    await official.waitForSent((m) => m.openId === 'o-secretary' && textOf(m).includes('已解除'));
    expect(await official.db.wechatContact.count({ where: { OR: [{ memberId: zhang.id }, { speaksForId: zhang.id }] } })).toBe(0);
  });
});
