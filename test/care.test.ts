import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedis } from '../src/queues/redis.ts';
import type { ContactMock } from '../src/simulator/mock-world.ts';
import { startHarness, type Harness, type SentMessage } from './support/harness.ts';
import { silentScan } from '../jobs/silent-scan.ts';
import { careBranch, day, runSilentScan, type CarePerson } from './support/care-branch.ts';
import { bindDirectly, seedBranch } from './support/seed.ts';

const timeZone = 'Asia/Shanghai';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** The local hour in Shanghai, `offsetHours` from now. */
function shanghaiClock(offsetHours: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(Date.now() + offsetHours * 3600_000),
  );
}

async function start(env: Record<string, string> = {}): Promise<Harness> {
  // The harness runs no schedules: the tests run the scan themselves, at times they choose.
  h = await startHarness(env);
  return h;
}

const scan = (runAt: Date) => runSilentScan(h, runAt);
const branch = (members: Parameters<typeof careBranch>[1], now: Date) => careBranch(h, members, now);
const to = (contact: ContactMock) => h.sent.filter((m) => m.conversationId === contact.id);
const alertsTo = (contact: ContactMock) => to(contact).filter((m) => m.text.startsWith('⚠️ 关心提醒'));
const member = (person: CarePerson) => h.db.member.findUniqueOrThrow({ where: { id: person.row.id } });
const texts = (messages: SentMessage[]) => messages.map((m) => m.text);

describe('silent-member care', () => {
  it('nudge → second nudge a week later → 疑似失联 with one alert → recovery told to the secretary', async () => {
    await start();
    const now = new Date();
    const b = await branch(
      [
        { name: '张三', silentDays: 15 + 1 / 24, residence: '西宁市城北区', workplace: '物流公司货车司机' },
        { name: '李四', silentDays: -100 },
        { name: '陈新', silentDays: null, unbound: true, residence: '格尔木市' },
      ],
      now,
    );
    const zhang = b.person('张三');
    const li = b.person('李四');

    // Day 0: 张三 is nudged; 陈新 (no bound WeChat) is in the secretary's first alert from the start.
    const first = await scan(now);
    expect(first).toMatchObject({ escalated: 0, nudged: 1, alerted: 1, alertMessages: 1 });
    expect(to(zhang.contact)).toHaveLength(1);
    expect(to(zhang.contact)[0]!.text).toContain(zhang.row.name);
    expect(to(zhang.contact)[0]!.text).toContain('签到');
    expect(to(li.contact)).toHaveLength(0);
    const firstAlert = alertsTo(b.secretary);
    expect(firstAlert).toHaveLength(1);
    expect(firstAlert[0]!.text).toContain('未绑定微信 1 人');
    expect(firstAlert[0]!.text).toContain(`${b.person('陈新').row.name}　最后动态：从未　现居地：格尔木市`);
    expect(firstAlert[0]!.text).not.toContain(zhang.row.name);
    expect(await member(zhang)).toMatchObject({ nudgeCount: 1, status: 'ACTIVE', lastNudgedAt: now });

    // The next day, and six days later: nothing new (at most one nudge a week).
    expect(await scan(new Date(now.getTime() + day))).toMatchObject({ nudged: 0, escalated: 0, alerted: 0 });
    expect(await scan(new Date(now.getTime() + 6 * day))).toMatchObject({ nudged: 0, escalated: 0, alerted: 0 });
    expect(to(zhang.contact)).toHaveLength(1);

    // A week later: the second nudge.
    expect(await scan(new Date(now.getTime() + 7 * day))).toMatchObject({ nudged: 1, escalated: 0 });
    expect(to(zhang.contact)).toHaveLength(2);
    expect(await member(zhang)).toMatchObject({ nudgeCount: 2, status: 'ACTIVE' });

    // Two weeks later (29 days of silence): no third nudge, not yet 疑似失联.
    expect(await scan(new Date(now.getTime() + 14 * day))).toMatchObject({ nudged: 0, escalated: 0 });
    expect(to(zhang.contact)).toHaveLength(2);

    // 30 days of silence after 2 unanswered nudges: 疑似失联, and one alert to the secretary.
    const lostAt = new Date(now.getTime() + 15 * day);
    expect(await scan(lostAt)).toMatchObject({ escalated: 1, nudged: 0, alerted: 1, alertMessages: 1 });
    expect(await member(zhang)).toMatchObject({ status: 'LOST_CONTACT', nudgeCount: 2, careAlertedAt: lostAt });
    const alerts = alertsTo(b.secretary);
    expect(alerts).toHaveLength(2);
    const alert = alerts[1]!.text;
    expect(alert).toContain('疑似失联 1 人');
    expect(alert).toContain(zhang.row.name);
    expect(alert).toContain(`最后动态：${monthDay(new Date(now.getTime() - (15 + 1 / 24) * day))}`);
    expect(alert).toContain('现居地：西宁市城北区；工作：物流公司货车司机');
    expect(alert).not.toContain(b.person('陈新').row.name); // already reported
    expect(to(zhang.contact)).toHaveLength(2);

    // A retried or later scan does not alert again.
    expect(await scan(lostAt)).toMatchObject({ escalated: 0, alerted: 0, queued: 0 });
    expect(await scan(new Date(now.getTime() + 16 * day))).toMatchObject({ escalated: 0, nudged: 0, alerted: 0 });
    expect(alertsTo(b.secretary)).toHaveLength(2);

    // The secretary's lists.
    const atRisk = await h.ask(b.secretary, '失联预警');
    expect(atRisk).toContain('疑似失联 1 人');
    expect(atRisk).toContain(`${zhang.row.name}　最后动态：`);
    expect(atRisk).toContain('现居地：西宁市城北区；工作：物流公司货车司机');
    expect(atRisk).toContain('未绑定微信 1 人');
    expect(atRisk).toContain(b.person('陈新').row.name);
    expect(atRisk).not.toContain(li.row.name);
    const silent = await h.ask(b.secretary, '未签到');
    expect(silent).toContain('14 天以上没有动态');
    expect(silent).toContain(`${zhang.row.name}　最后动态：`);
    expect(silent).toContain('（疑似失联）');
    expect(silent).toContain(`${b.person('陈新').row.name}　最后动态：从未（未绑定微信）`);
    expect(silent).not.toContain(li.row.name);
    // Names go to secretaries only.
    expect(await h.ask(li.contact, '失联预警')).toContain('无权限');

    // 张三 speaks again: active, counters reset, and the secretary hears the good news.
    expect(await h.ask(zhang.contact, '签到')).toContain('签到成功');
    const news = await h.waitForSent((m) => m.conversationId === b.secretary.id && m.text.startsWith('好消息'));
    expect(news.text).toBe(`好消息：${zhang.row.name} 已恢复联系（${monthDay(new Date())} 发来消息），不再列入失联预警。`);
    expect(await member(zhang)).toMatchObject({ status: 'ACTIVE', nudgeCount: 0, careAlertedAt: null });
    const after = await h.ask(b.secretary, '失联预警');
    expect(after).toContain('疑似失联：无');
    expect(after).not.toContain(zhang.row.name);
    // Speaking again (already active) tells nobody anything.
    await h.ask(zhang.contact, '我的');
    await h.settle();
    expect(to(b.secretary).filter((m) => m.text.startsWith('好消息'))).toHaveLength(1);
  });

  it('nudges rotate warm templates and mention the latest study pack and the next activity', async () => {
    await start();
    const now = new Date();
    const b = await branch(
      ['甲', '乙', '丙', '丁'].map((name) => ({ name, silentDays: 20 })),
      now,
    );
    const other = await branch(
      [
        { name: '戊', silentDays: 20 },
        { name: '己', silentDays: null, unbound: true },
      ],
      now,
    );
    // A pack pushed to the branch after they fell silent, and an activity of the organisation above.
    await h.db.studyPack.create({
      data: {
        organizationId: b.organizationId,
        title: '学习全会精神',
        content: 'https://example.org/pack',
        status: 'PUSHED',
        createdById: b.secretaryRow.id,
        pushedAt: new Date(now.getTime() - 2 * day),
      },
    });
    const root = await h.db.organization.findFirstOrThrow({ where: { children: { some: { id: b.organizationId } } } });
    const activity = await h.db.activity.create({
      data: {
        organizationId: root.id,
        title: '十二月主题党日',
        startsAt: new Date(now.getTime() + 3 * day),
        place: '党群服务中心',
        status: 'OPEN',
        createdById: b.secretaryRow.id,
      },
    });

    expect(await scan(now)).toMatchObject({ nudged: 5, alerted: 1 });
    const nudges = ['甲', '乙', '丙', '丁'].map((name) => {
      const messages = to(b.person(name).contact);
      expect(messages).toHaveLength(1);
      return { name: b.person(name).row.name, text: messages[0]!.text };
    });
    for (const { name, text } of nudges) {
      expect(text).toContain(name);
      expect(text).toContain('「学习全会精神」');
      expect(text).toContain(`「十二月主题党日」活动，欢迎回复「报名 ${activity.id}」`);
      expect(text).not.toMatch(/失联|批评|为什么/);
    }
    // Four members, four different templates (the same day; rotated by member).
    expect(new Set(nudges.map(({ name, text }) => text.replace(name, '〇'))).size).toBe(4);
    // Nothing to tell in the other organisation: a plain warm note.
    const plain = to(other.person('戊').contact)[0]!.text;
    expect(plain).toContain(other.person('戊').row.name);
    expect(plain).not.toMatch(/学习材料|活动/);
    // Each secretary hears about their own organisation only.
    expect(alertsTo(other.secretary)[0]!.text).toContain(other.person('己').row.name);
    expect(alertsTo(b.secretary)).toHaveLength(0);
    expect(await h.ask(b.secretary, '失联预警')).toContain('目前没有疑似失联或未绑定微信的党员');
    expect(await h.ask(other.secretary, '失联预警')).toContain(other.person('己').row.name);
    // The rows: one NUDGE broadcast for the day, a capped delivery per member with its own text.
    const deliveries = await h.db.delivery.findMany({ where: { broadcast: { kind: 'NUDGE' } } });
    expect(deliveries).toHaveLength(5);
    expect(new Set(deliveries.map((d) => d.broadcastId)).size).toBe(1);
    expect(deliveries.every((d) => d.capped && d.status === 'SENT' && d.text)).toBe(true);
  });

  it('a member who speaks between nudges starts again: escalation needs two new nudges', async () => {
    await start({ DAILY_MESSAGE_CAP: '10' });
    const now = new Date();
    const b = await branch([{ name: '王五', silentDays: 15 }], now);
    const wang = b.person('王五');

    await scan(now);
    expect(await member(wang)).toMatchObject({ nudgeCount: 1 });
    expect(await h.ask(wang.contact, '签到')).toContain('签到成功');
    await h.settle();
    expect(await member(wang)).toMatchObject({ nudgeCount: 0, status: 'ACTIVE' });
    // A reply is not a recovery: the secretary hears nothing.
    expect(to(b.secretary)).toHaveLength(0);

    // Silent again from now: nudged after 14 days…
    expect(await scan(new Date(now.getTime() + 15 * day))).toMatchObject({ nudged: 1 });
    // …and at 31 days only one nudge since speaking: a second nudge, not 疑似失联.
    expect(await scan(new Date(now.getTime() + 31 * day))).toMatchObject({ nudged: 1, escalated: 0 });
    expect(await member(wang)).toMatchObject({ nudgeCount: 2, status: 'ACTIVE' });
    expect(await scan(new Date(now.getTime() + 32 * day))).toMatchObject({ escalated: 1, alerted: 1 });
    expect(await member(wang)).toMatchObject({ status: 'LOST_CONTACT' });
    expect(alertsTo(b.secretary).at(-1)!.text).toContain(wang.row.name);
  });

  it('a retried scan (same run time) nudges and alerts once', async () => {
    await start();
    const now = new Date();
    const b = await branch(
      [
        { name: '赵六', silentDays: 16 },
        { name: '孙七', silentDays: null, unbound: true },
      ],
      now,
    );
    const jobContext = h.plugin.assistant!.jobContext;
    const first = (await silentScan.run(jobContext, now)) as { nudged: number; alerted: number; queued: number };
    const retried = (await silentScan.run(jobContext, now)) as { nudged: number; alerted: number; queued: number };
    await h.settle();
    expect(first).toMatchObject({ nudged: 1, alerted: 1, queued: 2 });
    // Nothing new; the deliveries still queued are queued again (same job ids: sent once).
    expect(retried).toMatchObject({ nudged: 0, alerted: 0 });
    expect(to(b.person('赵六').contact)).toHaveLength(1);
    expect(to(b.secretary)).toHaveLength(1);
    expect(await member(b.person('赵六'))).toMatchObject({ nudgeCount: 1 });
    expect(await h.db.delivery.count({ where: { broadcast: { kind: { in: ['NUDGE', 'CARE_ALERT'] } } } })).toBe(2);
  });

  it('alerts the secretary of the organisation above when the member’s own has none', async () => {
    await start();
    const now = new Date();
    const seeded = await seedBranch(h.db, [{ name: '钱八' }]);
    const row = seeded.members[0]!;
    await h.db.member.update({ where: { id: row.id }, data: { createdAt: new Date(now.getTime() - 100 * day), workplace: '建筑工地' } });
    const root = await h.db.organization.findFirstOrThrow({ where: { children: { some: { id: seeded.organizationId } } } });
    const upper = await h.db.member.create({
      data: { name: `上级书记${row.id}`, phone: `199${String(row.id).padStart(8, '0')}`, role: 'SECRETARY', organizationId: root.id },
    });
    const upperContact = h.world.createContact('上级书记');
    await bindDirectly(h.db, upperContact.id, upper.id);

    expect(await scan(now)).toMatchObject({ alerted: 1, alertMessages: 1 });
    const alert = to(upperContact)[0]!.text;
    expect(alert).toContain(`⚠️ 关心提醒 · ${root.path}`);
    expect(alert).toContain(`${row.name}（流动党员支部）　最后动态：从未　工作：建筑工地`);
  });
});

describe('silent-member care and the outbox rules', () => {
  it('nudges count toward the daily cap: one over the cap waits for the next day', async () => {
    await start({ DAILY_MESSAGE_CAP: '1' });
    const now = new Date();
    const b = await branch([{ name: '周九', silentDays: 20 }], now);
    const zhou = b.person('周九');
    await h.ask(b.secretary, '通知 今晚学习');
    await h.ask(b.secretary, '确认');
    await h.settle();
    expect(texts(to(zhou.contact))).toEqual(['【通知】今晚学习']);

    expect(await scan(now)).toMatchObject({ nudged: 1 });
    expect(texts(to(zhou.contact))).toEqual(['【通知】今晚学习']);
    const nudge = await h.db.delivery.findFirstOrThrow({ where: { memberId: zhou.row.id, broadcast: { kind: 'NUDGE' } } });
    expect(nudge).toMatchObject({ status: 'QUEUED', capped: true });
    // The member's own message still gets its reply.
    expect(await h.ask(zhou.contact, '我的')).toContain(zhou.row.name);
  });

  it('nudges and care alerts are held during quiet hours', async () => {
    await start({ QUIET_HOURS: `${shanghaiClock(-1)}-${shanghaiClock(1)}` });
    const now = new Date();
    const b = await branch(
      [
        { name: '吴十', silentDays: 20 },
        { name: '郑一', silentDays: null, unbound: true },
      ],
      now,
    );
    expect(await scan(now)).toMatchObject({ nudged: 1, alerted: 1, queued: 2 });
    expect(to(b.person('吴十').contact)).toHaveLength(0);
    expect(to(b.secretary)).toHaveLength(0);
    const deliveries = await h.db.delivery.findMany({ where: { broadcast: { kind: { in: ['NUDGE', 'CARE_ALERT'] } } } });
    expect(deliveries.map((d) => d.status)).toEqual(['QUEUED', 'QUEUED']);
    const queue = new Queue(`outbox-${h.config.BOT_NAME}`, { connection: createRedis(h.config.REDIS_URL), prefix: h.config.QUEUE_PREFIX });
    const held = await queue.getDelayed();
    expect(held.map((job) => job.data.deliveryId).sort()).toEqual(deliveries.map((d) => d.id).sort());
    for (const job of held) expect(job.delay).toBeGreaterThan(55 * 60_000);
    await queue.close();
  });
});

function monthDay(at: Date): string {
  const [, month, date] = new Intl.DateTimeFormat('en-CA', { timeZone }).format(at).split('-');
  return `${Number(month)}月${Number(date)}日`;
}
