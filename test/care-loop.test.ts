import { afterEach, describe, expect, it } from 'vitest';
import { contactPersonReminder } from '../jobs/contact-person-reminder.ts';
import { weeklyDigest } from '../jobs/digest.ts';
import { whereaboutsInNote } from '../src/domain/visits/visit-text.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { careBranch, day, runSilentScan, type CarePerson } from './support/care-branch.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const member = (id: number) => h.db.member.findUniqueOrThrow({ where: { id } });

describe('whereabouts in a visit note', () => {
  it('reads a place and a job, or a place alone, and nothing from a note without one', () => {
    expect(whereaboutsInNote('已联系上，在格尔木跑运输，年底回来')).toEqual({ residence: '格尔木', workplace: '跑运输' });
    expect(whereaboutsInNote('人在西宁市城北区，挺好')).toEqual({ residence: '西宁市', workplace: null });
    expect(whereaboutsInNote('家属说一切都好')).toBeNull();
  });
});

describe('结对联系 and 走访', () => {
  it('the contact person gets the 疑似失联 alert; their visit clears it and tells the secretary; 确认去向 sets the whereabouts', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '张三', silentDays: 40, residence: '西宁市' }, { name: '李四', silentDays: -100 }], now);
    const zhang = b.person('张三');
    const li = b.person('李四');
    await h.db.member.update({ where: { id: zhang.row.id }, data: { nudgeCount: 2, lastNudgedAt: new Date(now.getTime() - 8 * day) } });

    expect(await h.ask(b.secretary, `结对 ${li.row.name} ${zhang.row.name}`)).toContain(`已结对：${li.row.name} 负责联系 ${zhang.row.name}`);
    expect(await h.ask(b.secretary, '结对')).toContain(`· ${li.row.name}：${zhang.row.name}`);

    expect(await runSilentScan(h, now)).toMatchObject({ escalated: 1, alertMessages: 2 });
    const alert = h.received(li.contact.id).find((m) => m.text.startsWith('⚠️ 关心提醒：您结对联系的'));
    expect(alert?.text).toContain(`${zhang.row.name}　最后动态：`);
    expect(alert?.text).toContain('现居地：西宁市');
    expect(h.received(b.secretary.id).filter((m) => m.text.startsWith('⚠️') && m.text.includes(zhang.row.name))).toHaveLength(1);
    // A retried scan sends neither again.
    await runSilentScan(h, now);
    expect(h.received(li.contact.id).filter((m) => m.text.startsWith('⚠️'))).toHaveLength(1);

    const reply = await h.ask(li.contact, `走访 ${zhang.row.name} 电话 已联系上，在格尔木跑运输，年底回来`);
    expect(reply).toContain(`已记录：电话联系 ${zhang.row.name}`);
    expect(reply).toContain('不再列入疑似失联');
    expect(reply).toContain('现居地 格尔木，工作 跑运输');
    expect(await member(zhang.row.id)).toMatchObject({ status: 'ACTIVE', careAlertedAt: null, nudgeCount: 0, residence: '西宁市' });
    const news = await h.waitForSent((m) => m.conversationId === b.secretary.id && m.text.startsWith('好消息'));
    expect(news.text).toContain(`${zhang.row.name} 已由${li.row.name}电话联系上`);
    await h.settle();
    expect(h.received(li.contact.id).filter((m) => m.text.startsWith('好消息'))).toEqual([]);

    expect(await h.ask(li.contact, '确认去向')).toContain('现居地 格尔木，工作 跑运输');
    expect(await member(zhang.row.id)).toMatchObject({ residence: '格尔木', workplace: '跑运输' });
    expect(await h.db.whereaboutsReport.findMany({ where: { memberId: zhang.row.id }, select: { residence: true, source: true } }))
      .toEqual([{ residence: '格尔木', source: 'VISIT' }]);
    expect(await h.ask(li.contact, '确认去向')).toContain('没有待确认的去向');

    const visits = await h.ask(b.secretary, `走访记录 ${zhang.row.name}`);
    expect(visits).toContain(`电话（${li.row.name}）：已联系上，在格尔木跑运输，年底回来`);
    expect(await h.ask(li.contact, `走访记录 ${zhang.row.name}`)).toContain('已联系上');
    // 张三 himself sees no care records.
    expect(await h.ask(zhang.contact, `走访记录 ${zhang.row.name}`)).toContain('无权限');
  });

  it('a 疑似失联 member heard from again is reported to the contact person too', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, [{ name: '王五', silentDays: 40 }, { name: '赵六', silentDays: -100 }], now);
    const wang = b.person('王五');
    const zhao = b.person('赵六');
    await h.db.member.update({ where: { id: wang.row.id }, data: { status: 'LOST_CONTACT', careAlertedAt: now, contactPersonId: zhao.row.id } });
    await h.ask(wang.contact, '签到');
    const news = await h.waitForSent((m) => m.conversationId === zhao.contact.id && m.text.startsWith('好消息'));
    expect(news.text).toContain(`${wang.row.name} 已恢复联系`);
  });

  it('bad input stores nothing: a sixth member, unknown names, namesakes, a visit without a way or a note', async () => {
    h = await startHarness({ CONTACT_PERSON_MAX: '2' });
    const now = new Date();
    const b = await careBranch(h, ['联系人', '甲', '乙', '丙', '同名'].map((name) => ({ name, silentDays: 1 })), now);
    const [carer, a, bb, c] = ['联系人', '甲', '乙', '丙'].map((name) => b.person(name)) as [CarePerson, CarePerson, CarePerson, CarePerson];
    // A namesake of 甲 in the same branch.
    await h.db.member.update({ where: { id: b.person('同名').row.id }, data: { name: a.row.name } });

    expect(await h.ask(b.secretary, `结对 ${carer.row.name} ${bb.row.name} ${c.row.name}`)).toContain('已结对');
    expect(await h.ask(b.secretary, `结对 ${carer.row.name} ${a.row.name} ${a.row.phone.slice(-4)}`)).toContain('最多联系 2 名党员');
    expect(await h.ask(b.secretary, `结对 ${carer.row.name} ${a.row.name}`)).toContain(`名册中有多位「${a.row.name}」`);
    expect(await h.ask(b.secretary, `结对 ${carer.row.name} 查无此人`)).toContain('没有在');
    expect(await h.ask(b.secretary, `结对 ${carer.row.name} ${carer.row.name}`)).toContain('联系人不能联系自己');
    expect(await h.db.member.count({ where: { contactPersonId: carer.row.id } })).toBe(2);

    expect(await h.ask(carer.contact, `走访 ${bb.row.name} 电话`)).toContain('格式：走访 姓名 方式 情况');
    expect(await h.ask(carer.contact, `走访 ${bb.row.name} 写信 聊得很好`)).toContain('格式：走访 姓名 方式 情况');
    expect(await h.ask(carer.contact, `走访 ${a.row.name} 电话 聊得很好`)).toContain('您结对联系的党员中没有');
    expect(await h.db.careVisit.count({ where: { recordedById: carer.row.id } })).toBe(0);

    expect(await h.ask(b.secretary, `解除结对 ${c.row.name}`)).toContain('已解除');
    expect(await h.ask(b.secretary, `解除结对 ${c.row.name}`)).toContain('目前没有结对联系人');
    expect(await h.db.member.count({ where: { contactPersonId: carer.row.id } })).toBe(1);
  });
});

describe('the weekly digest', () => {
  it('counts the week’s visits and those on leave, names 疑似失联 members nobody has visited since the alert, and says where members are', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(
      h,
      [
        { name: '失联甲', silentDays: 40, residence: '格尔木市' },
        { name: '失联乙', silentDays: 40, residence: '格尔木市' },
        { name: '请假丙', silentDays: 1, residence: '西宁市' },
      ],
      now,
    );
    const [lostA, lostB, away] = ['失联甲', '失联乙', '请假丙'].map((name) => b.person(name)) as [CarePerson, CarePerson, CarePerson];
    await h.db.member.updateMany({ where: { id: { in: [lostA.row.id, lostB.row.id] } }, data: { status: 'LOST_CONTACT', careAlertedAt: new Date(now.getTime() - 3 * day) } });
    await h.db.member.update({ where: { id: away.row.id }, data: { leaveUntil: new Date(now.getTime() + 9 * day) } });
    // A visit to 失联甲 after the alert (the member stays listed as 疑似失联 here: written directly, not through 走访).
    await h.db.careVisit.create({
      data: { memberId: lostA.row.id, organizationId: b.organizationId, kind: 'PHONE', note: '未接通', recordedById: b.secretaryRow.id, at: new Date(now.getTime() - day) },
    });

    // And one in a sub-organisation of the branch: the digest counts visits per organisation.
    const group = await h.db.organization.create({ data: { name: '二组', path: `${b.path}/二组`, parentId: b.organizationId } });
    await h.db.careVisit.create({
      data: { memberId: lostB.row.id, organizationId: group.id, kind: 'HOME', note: '家中无人', recordedById: b.secretaryRow.id, at: new Date(now.getTime() - 8 * day) },
    });
    await h.db.careVisit.create({
      data: { memberId: away.row.id, organizationId: group.id, kind: 'HOME', note: '上门慰问', recordedById: b.secretaryRow.id, at: new Date(now.getTime() - 2 * day) },
    });

    await weeklyDigest.run(h.plugin.assistant!.jobContext, now);
    const digest = await h.waitForSent((m) => m.conversationId === b.secretary.id && m.text.startsWith('📋 每周简报'));
    expect(digest.text).toContain('走访：过去 7 天记录走访 2 次（本级 1 次，二组 1 次）；请假中 1 人。');
    expect(digest.text).toContain(`疑似失联但提醒后还没有走访记录 1 人：${lostB.row.name}。`);
    expect(digest.text).toContain('党员去向：格尔木市 2 人，西宁市 1 人');
  });
});

describe('the contact persons’ reminder', () => {
  it('names the members a contact person has not contacted in 30 days, once a day, leaving out those on leave', async () => {
    h = await startHarness();
    const now = new Date();
    const b = await careBranch(h, ['联系人', '已走访', '未走访', '请假中', '别人走访'].map((name) => ({ name, silentDays: 1 })), now);
    const [carer, visited, unvisited, away, otherVisit] = ['联系人', '已走访', '未走访', '请假中', '别人走访'].map((name) => b.person(name)) as [CarePerson, CarePerson, CarePerson, CarePerson, CarePerson];
    await h.db.member.updateMany({ where: { id: { in: [visited, unvisited, away, otherVisit].map((p) => p.row.id) } }, data: { contactPersonId: carer.row.id } });
    await h.db.member.update({ where: { id: away.row.id }, data: { leaveUntil: new Date(now.getTime() + day) } });
    const visit = (member: CarePerson, by: number, daysAgo: number) =>
      h.db.careVisit.create({
        data: { memberId: member.row.id, organizationId: b.organizationId, kind: 'VIDEO', note: '问候', recordedById: by, at: new Date(now.getTime() - daysAgo * day) },
      });
    await visit(visited, carer.row.id, 10);
    await visit(unvisited, carer.row.id, 31);
    // A secretary's visit is not the contact person's contact.
    await visit(otherVisit, b.secretaryRow.id, 1);

    const run = async () => {
      const result = await contactPersonReminder.run(h.plugin.assistant!.jobContext, now);
      await h.settle();
      return result;
    };
    expect(await run()).toMatchObject({ reminded: 1, queued: 1 });
    const reminders = h.received(carer.contact.id).filter((m) => m.text.startsWith('🤝 结对联系提醒'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain(unvisited.row.name);
    expect(reminders[0]!.text).toContain(otherVisit.row.name);
    expect(reminders[0]!.text).not.toContain(visited.row.name);
    expect(reminders[0]!.text).not.toContain(away.row.name);
    // A retried run sends nothing again.
    expect(await run()).toMatchObject({ queued: 0 });
    expect(h.received(carer.contact.id).filter((m) => m.text.startsWith('🤝'))).toHaveLength(1);
  });

  it('goes to the nearest secretaries when the contact person cannot be reached: unbound or 疑似失联 (issue 16)', async () => {
    h = await startHarness();
    const now = new Date();
    const names = ['失联联系人', '未绑定联系人', '甲', '乙'];
    const b = await careBranch(h, names.map((name) => ({ name, silentDays: 1 })), now);
    const [lostCarer, unboundCarer, a, bee] = names.map((name) => b.person(name)) as [CarePerson, CarePerson, CarePerson, CarePerson];
    await h.db.member.update({ where: { id: a.row.id }, data: { contactPersonId: lostCarer.row.id } });
    await h.db.member.update({ where: { id: bee.row.id }, data: { contactPersonId: unboundCarer.row.id } });
    await h.db.member.update({ where: { id: lostCarer.row.id }, data: { status: 'LOST_CONTACT' } });
    await h.db.wechatContact.deleteMany({ where: { memberId: unboundCarer.row.id } });

    expect(await contactPersonReminder.run(h.plugin.assistant!.jobContext, now)).toMatchObject({ reminded: 1, queued: 1 });
    await h.settle();
    const toSecretary = h.received(b.secretary.id).filter((m) => m.text.startsWith('🤝 结对联系提醒')).map((m) => m.text);
    expect(toSecretary).toHaveLength(1);
    expect(toSecretary[0]).toContain(`联系人 ${lostCarer.row.name} 疑似失联，其结对联系的 ${a.row.name}`);
    expect(toSecretary[0]).toContain(`联系人 ${unboundCarer.row.name} 未绑定微信，其结对联系的 ${bee.row.name}`);
    expect(h.received(lostCarer.contact.id).filter((m) => m.text.startsWith('🤝'))).toHaveLength(0);
  });
});
