import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactMock, RoomMock } from '../src/simulator/mock-world.ts';
import { commands } from '../src/commands/registry.ts';
import type { Role } from '../src/generated/prisma/client.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { bindDirectly, linkGroup } from './support/seed.ts';
import { activityTimeIn } from './support/activity-date.ts';

/**
 * Who reaches what: every secretary command, sent by each kind of actor, against one branch (支部甲)
 * of a community (社区) that also has a sibling branch (支部乙):
 *
 *   测试区… / 社区 ── 支部甲 (the target branch)
 *                 └── 支部乙 (the sibling)
 *
 * A secretary's and an admin's reach is the organisation of their roster row and everything below;
 * admins alone may hand out bind codes. The contact person (结对联系, a member of 支部甲) looks after
 * the target member: care records of that member are theirs to write and read, nothing else. One assistant for the whole table, so it stays fast.
 */
type Actor = 'member' | 'contactPerson' | 'siblingSecretary' | 'parentSecretary' | 'ownSecretary' | 'siblingAdmin' | 'adminAbove';
const actors: readonly Actor[] = ['member', 'contactPerson', 'siblingSecretary', 'parentSecretary', 'ownSecretary', 'siblingAdmin', 'adminAbove'];

interface World {
  h: Harness;
  paths: { parent: string; target: string; sibling: string };
  orgIds: { parent: number; target: number; sibling: number };
  contacts: Record<Actor, ContactMock>;
  memberIds: Record<Actor, number>;
  /** A member of the target branch, bound to WeChat, never active (silent). */
  targetMember: { id: number; name: string; contact: ContactMock };
  /** A member of the target branch without WeChat. */
  unboundName: string;
  unboundId: number;
  /** The target member's contact person (the contactPerson actor). */
  contactPersonName: string;
  targetSecretaryId: number;
}

interface Case {
  /** The command as a secretary would type it. */
  command: string;
  /** The names of the commands it sends (see the registry). */
  commands: readonly string[];
  /** Actors whose command reaches the target branch. */
  reaches: readonly Actor[];
  /** Sends the command as `actor` and reports whether it reached the target branch. */
  run(world: World, actor: Actor): Promise<{ reached: boolean; reply: string }>;
}

const ownOrBelow: readonly Actor[] = ['parentSecretary', 'ownSecretary', 'adminAbove'];

/** A list for secretaries (统计, 未签到 …) reaches the branch when it names someone of it. */
function listCase(command: string, name: string, namedInBranch: (w: World) => string): Case {
  return {
    command,
    commands: [name],
    reaches: ownOrBelow,
    async run(w, actor) {
      const reply = await ask(w.h, w.contacts[actor], command);
      return { reached: reply.includes(namedInBranch(w)), reply };
    },
  };
}

const cases: Case[] = [
  listCase('统计', 'stats', (w) => w.targetMember.name),
  {
    command: '统计 <编号>',
    commands: ['stats'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const activity = await openActivity(w, `统计活动${randomInt(1e6)}`);
      const reply = await ask(w.h, w.contacts[actor], `统计 ${activity.id}`);
      return { reached: reply.includes(activity.title), reply };
    },
  },
  {
    command: '取消活动 <编号>',
    commands: ['cancel-activity'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const activity = await openActivity(w, `取消的活动${randomInt(1e6)}`);
      const reply = await ask(w.h, w.contacts[actor], `取消活动 ${activity.id}`);
      const after = await w.h.db.activity.findUniqueOrThrow({ where: { id: activity.id }, select: { status: true } });
      return { reached: after.status === 'CANCELLED', reply };
    },
  },
  {
    command: '活动 … + 确认',
    commands: ['activity', 'confirm'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const title = `主题党日${randomInt(1e6)}`;
      const preview = await ask(w.h, w.contacts[actor], `活动 ${title} ${activityTimeIn(30)} 党群服务中心`);
      const reply = preview.includes('无权限') ? preview : await ask(w.h, w.contacts[actor], '确认');
      return { reached: await targetMemberInvited(w, { activity: { title } }), reply };
    },
  },
  {
    command: '通知 … + 确认',
    commands: ['notice', 'confirm'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const text = `通知内容${randomInt(1e6)}`;
      const preview = await ask(w.h, w.contacts[actor], `通知 ${text}`);
      const reply = preview.includes('无权限') ? preview : await ask(w.h, w.contacts[actor], '确认');
      return { reached: await targetMemberInvited(w, { text: { contains: text } }), reply };
    },
  },
  {
    command: '通知 … + 取消',
    commands: ['notice', 'discard'],
    reaches: [],
    async run(w, actor) {
      const text = `作废的通知${randomInt(1e6)}`;
      const preview = await ask(w.h, w.contacts[actor], `通知 ${text}`);
      const reply = preview.includes('无权限') ? preview : await ask(w.h, w.contacts[actor], '取消');
      return { reached: await targetMemberInvited(w, { text: { contains: text } }), reply };
    },
  },
  {
    command: '投票 … + 确认',
    commands: ['poll', 'confirm'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const title = `投票标题${randomInt(1e6)}`;
      const preview = await ask(w.h, w.contacts[actor], `投票 ${title} 1.周六 2.周日 截止 12月30日`);
      const reply = preview.includes('无权限') ? preview : await ask(w.h, w.contacts[actor], '确认');
      return { reached: await targetMemberInvited(w, { text: { contains: title } }), reply };
    },
  },
  {
    command: '结果 <编号>',
    commands: ['poll-results'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const title = `结果投票${randomInt(1e6)}`;
      const poll = await w.h.db.poll.create({
        data: { organizationId: w.orgIds.target, title, options: ['甲', '乙'], closesAt: new Date(Date.now() + 7 * 24 * 3600_000), status: 'OPEN', createdById: w.targetSecretaryId },
      });
      const reply = await ask(w.h, w.contacts[actor], `结果 ${poll.id}`);
      return { reached: reply.includes(title), reply };
    },
  },
  {
    command: '学习包 … + 确认',
    commands: ['study-pack', 'confirm'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const title = `学习包${randomInt(1e6)}`;
      const preview = await ask(w.h, w.contacts[actor], `学习包 ${title} https://example.org/${title}`);
      const reply = preview.includes('无权限') ? preview : await ask(w.h, w.contacts[actor], '确认');
      const pack = await w.h.db.studyPack.findFirst({ where: { title, status: 'WAITING' }, select: { organization: { select: { path: true } } } });
      return { reached: pack !== null && w.paths.target.startsWith(pack.organization.path), reply };
    },
  },
  {
    // The queue of one's own organisation: a branch's packs are pushed by its own secretaries.
    command: '立即发送',
    commands: ['push-study-pack'],
    reaches: ['ownSecretary'],
    async run(w, actor) {
      const pushed = { organizationId: w.orgIds.target, status: 'PUSHED' } as const;
      await w.h.db.studyPack.create({
        data: { organizationId: w.orgIds.target, title: `待发学习包${randomInt(1e6)}`, content: '正文', status: 'WAITING', createdById: w.targetSecretaryId },
      });
      const before = await w.h.db.studyPack.count({ where: pushed });
      const reply = await ask(w.h, w.contacts[actor], '立即发送');
      return { reached: (await w.h.db.studyPack.count({ where: pushed })) > before, reply };
    },
  },
  {
    command: '学习统计',
    commands: ['study-stats'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const title = `已推送学习包${randomInt(1e6)}`;
      await w.h.db.studyPack.create({
        data: { organizationId: w.orgIds.target, title, content: '正文', status: 'PUSHED', pushedAt: new Date(), createdById: w.targetSecretaryId },
      });
      const reply = await ask(w.h, w.contacts[actor], '学习统计');
      return { reached: reply.includes(title), reply };
    },
  },
  {
    command: '发书 <姓名> <书名>',
    commands: ['hand-out-book'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const title = `红岩${randomInt(1e6)}`;
      const reply = await ask(w.h, w.contacts[actor], `发书 ${w.targetMember.name} ${title}`);
      const handout = await w.h.db.bookHandout.findFirst({ where: { memberId: w.targetMember.id, title } });
      return { reached: handout !== null, reply };
    },
  },
  listCase('未签到', 'silent-members', (w) => w.targetMember.name),
  {
    // A team belongs to the secretary's own organisation, as the study queue does.
    command: '建队 <名称>',
    commands: ['create-team'],
    reaches: ['ownSecretary'],
    async run(w, actor) {
      const name = `服务队${randomInt(1e6)}`;
      const reply = await ask(w.h, w.contacts[actor], `建队 ${name}`);
      return { reached: (await w.h.db.volunteerTeam.count({ where: { organizationId: w.orgIds.target, name } })) > 0, reply };
    },
  },
  {
    command: '解散 <名称>',
    commands: ['dissolve-team'],
    reaches: ['ownSecretary'],
    async run(w, actor) {
      const name = `服务队${randomInt(1e6)}`;
      await w.h.db.volunteerTeam.create({ data: { organizationId: w.orgIds.target, name } });
      const reply = await ask(w.h, w.contacts[actor], `解散 ${name}`);
      return { reached: (await w.h.db.volunteerTeam.count({ where: { organizationId: w.orgIds.target, name } })) === 0, reply };
    },
  },
  {
    command: '岗位 … + 确认',
    commands: ['post-job', 'confirm'],
    reaches: ownOrBelow,
    async run(w, actor) {
      await w.h.db.jobSeeker.upsert({ where: { memberId: w.targetMember.id }, create: { memberId: w.targetMember.id, status: 'SEEKING', since: new Date() }, update: {} });
      const text = `岗位${randomInt(1e6)} 货车司机`;
      const preview = await ask(w.h, w.contacts[actor], `岗位 ${text}`);
      const reply = preview.includes('无权限') ? preview : await ask(w.h, w.contacts[actor], '确认');
      return { reached: await targetMemberInvited(w, { text: { contains: text } }), reply };
    },
  },
  {
    command: '就业统计',
    commands: ['job-stats'],
    reaches: ownOrBelow,
    async run(w, actor) {
      await w.h.db.jobSeeker.upsert({ where: { memberId: w.targetMember.id }, create: { memberId: w.targetMember.id, status: 'SEEKING', since: new Date() }, update: {} });
      const reply = await ask(w.h, w.contacts[actor], '就业统计');
      return { reached: reply.includes(w.paths.target), reply };
    },
  },
  {
    command: '人才库',
    commands: ['talent-pool'],
    reaches: ownOrBelow,
    async run(w, actor) {
      await w.h.db.member.update({ where: { id: w.targetMember.id }, data: { willingToServe: true } });
      const reply = await ask(w.h, w.contacts[actor], '人才库');
      return { reached: reply.includes(w.targetMember.name), reply };
    },
  },
  {
    command: '志愿统计',
    commands: ['volunteer-stats'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const name = `服务队${randomInt(1e6)}`;
      await w.h.db.volunteerTeam.create({ data: { organizationId: w.orgIds.target, name } });
      const reply = await ask(w.h, w.contacts[actor], '志愿统计');
      return { reached: reply.includes(name), reply };
    },
  },
  {
    command: '建议列表',
    commands: ['list-suggestions'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const suggestion = await suggestionOfTarget(w);
      const reply = await ask(w.h, w.contacts[actor], '建议列表');
      return { reached: reply.includes(suggestion.text), reply };
    },
  },
  {
    command: '回复建议 <编号> <内容>',
    commands: ['answer-suggestion'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const suggestion = await suggestionOfTarget(w);
      const reply = await ask(w.h, w.contacts[actor], `回复建议 ${suggestion.id} 收到`);
      const after = await w.h.db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } });
      return { reached: after.repliedAt !== null, reply };
    },
  },
  {
    command: '采纳 <编号>',
    commands: ['adopt-suggestion'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const suggestion = await suggestionOfTarget(w);
      const reply = await ask(w.h, w.contacts[actor], `采纳 ${suggestion.id}`);
      const after = await w.h.db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } });
      return { reached: after.adoptedAt !== null, reply };
    },
  },
  listCase('失联预警', 'at-risk-members', (w) => w.unboundName),
  {
    command: '结对 <联系人> <姓名>',
    commands: ['pair-contact-person'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const reply = await ask(w.h, w.contacts[actor], `结对 ${w.contactPersonName} ${w.unboundName}`);
      const after = await w.h.db.member.findUniqueOrThrow({ where: { id: w.unboundId }, select: { contactPersonId: true } });
      await w.h.db.member.update({ where: { id: w.unboundId }, data: { contactPersonId: null } });
      return { reached: after.contactPersonId === w.memberIds.contactPerson, reply };
    },
  },
  {
    command: '解除结对 <姓名>',
    commands: ['unpair-contact-person'],
    reaches: ownOrBelow,
    async run(w, actor) {
      await w.h.db.member.update({ where: { id: w.unboundId }, data: { contactPersonId: w.memberIds.contactPerson } });
      const reply = await ask(w.h, w.contacts[actor], `解除结对 ${w.unboundName}`);
      const after = await w.h.db.member.findUniqueOrThrow({ where: { id: w.unboundId }, select: { contactPersonId: true } });
      return { reached: after.contactPersonId === null, reply };
    },
  },
  {
    command: '走访 <姓名> 电话 … + 确认去向',
    commands: ['record-visit', 'confirm-whereabouts'],
    reaches: [...ownOrBelow, 'contactPerson'],
    async run(w, actor) {
      const city = `城${randomInt(1e6)}市`;
      const recorded = await ask(w.h, w.contacts[actor], `走访 ${w.targetMember.name} 电话 已联系上，在${city}`);
      const reply = recorded.includes('已记录') ? await ask(w.h, w.contacts[actor], '确认去向') : recorded;
      const visit = await w.h.db.careVisit.findFirst({ where: { memberId: w.targetMember.id, note: { contains: city } } });
      const after = await w.h.db.member.findUniqueOrThrow({ where: { id: w.targetMember.id }, select: { residence: true } });
      return { reached: visit !== null && after.residence === city, reply };
    },
  },
  {
    command: '去向 <姓名>',
    commands: ['whereabouts'],
    reaches: [...ownOrBelow, 'contactPerson'],
    async run(w, actor) {
      const place = `去向${randomInt(1e6)}`;
      await w.h.db.member.update({ where: { id: w.targetMember.id }, data: { residence: place } });
      const reply = await ask(w.h, w.contacts[actor], `去向 ${w.targetMember.name}`);
      return { reached: reply.includes(place), reply };
    },
  },
  {
    command: '去向统计',
    commands: ['whereabouts-stats'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const work = `工种${randomInt(1e6)}`;
      await w.h.db.member.update({ where: { id: w.targetMember.id }, data: { workplace: work } });
      const reply = await ask(w.h, w.contacts[actor], '去向统计');
      return { reached: reply.includes(work), reply };
    },
  },
  {
    command: '困难 <姓名> … + 帮扶 <姓名> 慰问金 500元',
    commands: ['hardship-case', 'record-help'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const opened = await ask(w.h, w.contacts[actor], `困难 ${w.targetMember.name} 家属住院`);
      const reply = opened.includes('已登记') ? await ask(w.h, w.contacts[actor], `帮扶 ${w.targetMember.name} 慰问金 500元`) : opened;
      const open = await w.h.db.hardshipCase.findFirst({ where: { memberId: w.targetMember.id, closedAt: null }, select: { id: true, help: { select: { id: true } } } });
      await w.h.db.hardshipCase.updateMany({ where: { memberId: w.targetMember.id, closedAt: null }, data: { closedAt: new Date() } });
      return { reached: open !== null && open.help.length === 1, reply };
    },
  },
  {
    command: '结案 <姓名>',
    commands: ['close-hardship-case'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const opened = await hardshipCase(w, { closed: false });
      const reply = await ask(w.h, w.contacts[actor], `结案 ${w.targetMember.name}`);
      const after = await w.h.db.hardshipCase.findUniqueOrThrow({ where: { id: opened.id } });
      await w.h.db.hardshipCase.update({ where: { id: opened.id }, data: { closedAt: after.closedAt ?? new Date() } });
      return { reached: after.closedAt !== null, reply };
    },
  },
  {
    command: '帮扶统计',
    commands: ['hardship-stats'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const kind = `帮扶${randomInt(1e6)}`;
      const opened = await hardshipCase(w, { closed: true });
      await w.h.db.hardshipHelp.create({ data: { caseId: opened.id, kind, recordedById: w.targetSecretaryId, at: new Date() } });
      const reply = await ask(w.h, w.contacts[actor], '帮扶统计');
      return { reached: reply.includes(kind), reply };
    },
  },
  {
    command: '走访记录 <姓名>',
    commands: ['list-visits'],
    reaches: [...ownOrBelow, 'contactPerson'],
    async run(w, actor) {
      const note = `谈心${randomInt(1e6)}`;
      await w.h.db.careVisit.create({
        data: { memberId: w.targetMember.id, organizationId: w.orgIds.target, kind: 'HOME', note, recordedById: w.targetSecretaryId, at: new Date() },
      });
      const reply = await ask(w.h, w.contacts[actor], `走访记录 ${w.targetMember.name}`);
      return { reached: reply.includes(note), reply };
    },
  },
  {
    command: '解绑 <姓名>',
    commands: ['unbind'],
    reaches: ownOrBelow,
    async run(w, actor) {
      await bindDirectly(w.h.db, w.targetMember.contact.id, w.targetMember.id);
      const reply = await ask(w.h, w.contacts[actor], `解绑 ${w.targetMember.name}`);
      const contact = await w.h.db.wechatContact.findUniqueOrThrow({ where: { id: w.targetMember.contact.id } });
      await bindDirectly(w.h.db, w.targetMember.contact.id, w.targetMember.id);
      return { reached: contact.memberId === null, reply };
    },
  },
  {
    command: '确认对应 <编号> <序号>',
    commands: ['confirm-relink'],
    reaches: ownOrBelow,
    async run(w, actor) {
      // A 待确认 question about the target member: after a login, is their WeChat this other contact?
      const other = w.h.world.createContact('候选');
      const question = await w.h.db.relinkQuestion.create({
        data: { memberId: w.targetMember.id, fromContactId: w.targetMember.contact.id, candidateIds: [other.id] },
      });
      const reply = await ask(w.h, w.contacts[actor], `确认对应 ${question.id} 1`);
      const moved = await w.h.db.wechatContact.findUnique({ where: { id: other.id } });
      // Back as it was, for the cases after this one.
      if (moved) await w.h.db.wechatContact.update({ where: { id: other.id }, data: { id: w.targetMember.contact.id } });
      return { reached: moved?.memberId === w.targetMember.id, reply };
    },
  },
  {
    command: '换号 <姓名> <新手机号>',
    commands: ['change-phone'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const phone = `1${String(randomInt(1e10)).padStart(10, '0')}`;
      const reply = await ask(w.h, w.contacts[actor], `换号 ${w.targetMember.name} ${phone}`);
      const after = await w.h.db.member.findUniqueOrThrow({ where: { id: w.targetMember.id }, select: { phone: true } });
      return { reached: after.phone === phone, reply };
    },
  },
  {
    command: '绑定码 <姓名>',
    commands: ['bind-code'],
    reaches: ['adminAbove'],
    async run(w, actor) {
      const before = await w.h.db.bindCode.count({ where: { memberId: w.targetMember.id } });
      const reply = await ask(w.h, w.contacts[actor], `绑定码 ${w.targetMember.name}`);
      const after = await w.h.db.bindCode.count({ where: { memberId: w.targetMember.id } });
      return { reached: after > before || /[A-Z0-9]{8}/.test(reply), reply };
    },
  },
  {
    command: '绑定本群 <支部甲> (a new group)',
    commands: ['bind-group'],
    reaches: ownOrBelow,
    async run(w, actor) {
      const room = w.h.world.createRoom('新群', [w.contacts[actor]]);
      const reply = await askInGroup(w.h, w.contacts[actor], room, `绑定本群 ${w.paths.target}`);
      const group = await w.h.db.chatGroup.findUnique({ where: { id: room.id } });
      return { reached: group?.organizationId === w.orgIds.target, reply };
    },
  },
  {
    // Taking a group away from 支部甲 needs a say over 支部甲 as well as over where it goes.
    command: '绑定本群 <支部乙> (a group of 支部甲)',
    commands: ['bind-group'],
    reaches: ['parentSecretary', 'adminAbove'],
    async run(w, actor) {
      const room = w.h.world.createRoom('支部甲群', [w.contacts[actor]]);
      await linkGroup(w.h.db, room.id, w.orgIds.target);
      const reply = await askInGroup(w.h, w.contacts[actor], room, `绑定本群 ${w.paths.sibling}`);
      const group = await w.h.db.chatGroup.findUniqueOrThrow({ where: { id: room.id } });
      return { reached: group.organizationId !== w.orgIds.target, reply };
    },
  },
];

describe('authorisation matrix: secretary commands × who sends them', () => {
  let world: World;
  beforeAll(async () => {
    // Secretaries inside the branch receive the table's many notices: no day's cap holds them back.
    world = await seedWorld(await startHarness({ DAILY_MESSAGE_CAP: '50' }));
  });
  afterAll(async () => {
    await world.h.stop();
  });

  it('covers every secretary command', () => {
    const secretaryCommands = commands.filter((command) => command.forSecretaries || ['confirm', 'discard'].includes(command.name));
    const covered = new Set(cases.flatMap((testCase) => testCase.commands));
    // 后台 / 退出后台 open and close the web console, whose pages check reach themselves.
    const webConsole = ['open-console', 'close-console'];
    expect(secretaryCommands.map((command) => command.name).filter((name) => !covered.has(name) && !webConsole.includes(name))).toEqual([]);
  });

  for (const testCase of cases) {
    for (const actor of actors) {
      const allowed = testCase.reaches.includes(actor);
      it(`${testCase.command} × ${actor}: ${allowed ? 'reaches' : 'does not reach'} the branch`, async () => {
        const { reached, reply } = await testCase.run(world, actor);
        expect(reached, reply).toBe(allowed);
        if (actor === 'member') expect(reply).toContain('无权限');
      });
    }
  }
});

async function seedWorld(h: Harness): Promise<World> {
  const db = h.db;
  const suffix = randomInt(1e9).toString(36);
  const root = await db.organization.create({ data: { name: `测试区${suffix}`, path: `测试区${suffix}` } });
  const parent = await db.organization.create({ data: { name: '社区', path: `${root.path}/社区`, parentId: root.id } });
  const target = await db.organization.create({ data: { name: '支部甲', path: `${parent.path}/支部甲`, parentId: parent.id } });
  const sibling = await db.organization.create({ data: { name: '支部乙', path: `${parent.path}/支部乙`, parentId: parent.id } });
  const addPerson = async (name: string, role: Role, organizationId: number, options: { bound?: boolean; createdAt?: Date } = {}) => {
    const row = await db.member.create({
      data: { name: `${name}${suffix}`, phone: `1${String(randomInt(1e10)).padStart(10, '0')}`, role, organizationId, createdAt: options.createdAt },
    });
    const contact = h.world.createContact(row.name);
    if (options.bound !== false) await bindDirectly(db, contact.id, row.id);
    return { id: row.id, name: row.name, contact };
  };
  const people = {
    member: await addPerson('党员', 'MEMBER', target.id),
    contactPerson: await addPerson('联系人', 'MEMBER', target.id),
    siblingSecretary: await addPerson('乙书记', 'SECRETARY', sibling.id),
    parentSecretary: await addPerson('社区书记', 'SECRETARY', parent.id),
    ownSecretary: await addPerson('甲书记', 'SECRETARY', target.id),
    siblingAdmin: await addPerson('乙管理员', 'ADMIN', sibling.id),
    adminAbove: await addPerson('社区管理员', 'ADMIN', parent.id),
  } satisfies Record<Actor, unknown>;
  const longAgo = new Date(Date.now() - 60 * 24 * 3600_000);
  const targetMember = await addPerson('目标党员', 'MEMBER', target.id, { createdAt: longAgo });
  const unbound = await addPerson('未绑定党员', 'MEMBER', target.id, { bound: false });
  await db.member.update({ where: { id: targetMember.id }, data: { contactPersonId: people.contactPerson.id } });
  return {
    h,
    paths: { parent: parent.path, target: target.path, sibling: sibling.path },
    orgIds: { parent: parent.id, target: target.id, sibling: sibling.id },
    contacts: Object.fromEntries(actors.map((actor) => [actor, people[actor].contact])) as Record<Actor, ContactMock>,
    memberIds: Object.fromEntries(actors.map((actor) => [actor, people[actor].id])) as Record<Actor, number>,
    targetMember,
    unboundName: unbound.name,
    unboundId: unbound.id,
    contactPersonName: people.contactPerson.name,
    targetSecretaryId: people.ownSecretary.id,
  };
}

/** A hardship case of the target member, open or already closed. */
function hardshipCase(w: World, options: { closed: boolean }) {
  const openedAt = new Date();
  return w.h.db.hardshipCase.create({
    data: { memberId: w.targetMember.id, organizationId: w.orgIds.target, description: '生病', openedById: w.targetSecretaryId, openedAt, closedAt: options.closed ? openedAt : null },
  });
}

async function openActivity(w: World, title: string) {
  return w.h.db.activity.create({
    data: {
      organizationId: w.orgIds.target,
      title,
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000),
      place: '党群服务中心',
      status: 'OPEN',
      createdById: w.targetSecretaryId,
    },
    select: { id: true, title: true },
  });
}

/** A fresh 建议 of the target branch's member, made to the branch. */
async function suggestionOfTarget(w: World) {
  const text = `建议内容${randomInt(1e6)}`;
  return w.h.db.suggestion.create({
    data: { memberId: w.targetMember.id, organizationId: w.orgIds.target, text, messageId: `suggestion-${randomInt(1e9)}` },
    select: { id: true, text: true },
  });
}

/** Whether a confirmed broadcast matching `where` has a delivery to the target branch's member. */
async function targetMemberInvited(w: World, where: { activity?: { title: string }; text?: { contains: string } }): Promise<boolean> {
  const delivery = await w.h.db.delivery.findFirst({
    where: { memberId: w.targetMember.id, broadcast: { status: 'CONFIRMED', ...where } },
  });
  return delivery !== null;
}

/**
 * Everything the bot sends the contact in answer, once all is handled: a secretary inside the branch
 * also receives their own 通知 or invitation, which must not be taken for the next reply.
 */
async function ask(h: Harness, contact: ContactMock, text: string): Promise<string> {
  const before = h.sent.length;
  await h.ask(contact, text);
  await h.settle();
  return h.sent.slice(before).filter((m) => m.conversationId === contact.id).map((m) => m.text).join('\n');
}

async function askInGroup(h: Harness, contact: ContactMock, room: RoomMock, text: string): Promise<string> {
  const before = h.sent.length;
  contact.say(text).to(room);
  const reply = await h.waitForSent((m) => m.conversationId === room.id && h.sent.indexOf(m) >= before);
  return reply.text;
}
