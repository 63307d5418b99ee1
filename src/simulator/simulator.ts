import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { WechatyBuilder } from 'wechaty';
import type { Config } from '../config.ts';
import { consoleBaseUrl } from '../domain/console/console-address.ts';
import type { Logger } from '../log.ts';
import { scheduledJobs } from '../../jobs/all-jobs.ts';
import { EngagementAssistant } from '../plugin.ts';
import { demoOrganizationPath, demoPeople, seedDemoRoster } from './demo-roster.ts';
import { MockWorld, type ContactMock } from './mock-world.ts';
import { parseScriptLine, type ScriptStep } from './script-line.ts';

const groupTopic = '祁连路社区流动党员群';

/**
 * The local simulator (Hubot's shell adapter, for WeChat): the same bot on wechaty-puppet-mock,
 * a demo organisation, a group chat and a handful of members. The operator types as any member,
 * or replays a script file, and sees the bot's replies.
 */
export async function runSimulator(options: { config: Config; log: Logger; scriptFile?: string }): Promise<void> {
  const { config, log } = options;
  const world = new MockWorld();
  const bot = WechatyBuilder.build({ name: `${config.BOT_NAME}-simulator`, puppet: world.puppet });
  const plugin = EngagementAssistant({ config, log });
  bot.use(plugin);
  await bot.start();
  world.login();
  const assistant = plugin.assistant!;
  await assistant.ready;

  const { organizationId, memberIds } = await seedDemoRoster(assistant.db);
  const contacts = new Map<string, ContactMock>(
    demoPeople.map((person) => [person.name, world.createContact(person.name, `demo-${person.phone}`)]),
  );
  const room = world.createRoom(groupTopic, [...contacts.values()], 'demo-group@chatroom');
  await assistant.db.chatGroup.create({ data: { id: room.id, organizationId, linkedAt: new Date() } });
  for (const person of demoPeople.filter((p) => p.bound)) {
    const contactId = contacts.get(person.name)!.id;
    const memberId = memberIds.get(person.name)!;
    await assistant.db.wechatContact.create({ data: { id: contactId, memberId, boundAt: new Date() } });
  }
  const names = new Map([...contacts].map(([name, contact]) => [contact.id, name]));
  world.onBotMessage(({ conversationId, text }) => {
    const where = conversationId === room.id ? `群「${groupTopic}」` : `私聊 ${names.get(conversationId) ?? conversationId}`;
    console.log(`\n🤖 → ${where}\n${indent(text)}\n`);
  });

  console.log(banner(consoleBaseUrl(config)));
  const perform = async (step: Step): Promise<void> => {
    if (step.kind === 'wait') {
      await new Promise((resolve) => setTimeout(resolve, step.seconds * 1000));
      return;
    }
    if (step.kind === 'run') {
      const job = scheduledJobs.find((candidate) => candidate.name === step.job);
      if (!job) {
        console.log(`没有这个定时任务：${step.job}。可选：${scheduledJobs.map((candidate) => candidate.name).join('、')}`);
        return;
      }
      const runAt = new Date(Date.now() + step.days * 24 * 3600_000);
      console.log(`⏰ ${job.name}（${step.days > 0 ? `按 ${step.days} 天后的时间` : '现在'}运行）：${JSON.stringify(await job.run(assistant.jobContext, runAt))}`);
    } else {
      const contact = contacts.get(step.who);
      if (!contact) {
        console.log(`没有这个人：${step.who}。可选：${[...contacts.keys()].join('、')}`);
        return;
      }
      contact.say(step.text).to(step.where === 'group' ? room : world.self);
    }
    await assistant.idle();
  };
  try {
    if (options.scriptFile) await replayScript(options.scriptFile, perform);
    else await typeInteractively(perform);
    // Let the last batched group reply go out before leaving.
    await new Promise((resolve) => setTimeout(resolve, (config.GROUP_REPLY_WINDOW_SECONDS + 1) * 1000));
    await assistant.idle();
  } finally {
    await assistant.stop();
    await bot.stop();
  }
}

type Step = Exclude<ScriptStep, { kind: 'skip' } | { kind: 'error' }>;

async function replayScript(file: string, perform: (step: Step) => Promise<void>): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const step = parseScriptLine(line);
    if (step.kind === 'skip') continue;
    if (step.kind === 'error') throw new Error(`${file}:${index + 1}: ${step.reason}`);
    if (step.kind === 'message') console.log(`👤 ${step.who}（${step.where === 'group' ? '群' : '私聊'}）：${step.text}`);
    await perform(step);
  }
}

async function typeInteractively(perform: (step: Step) => Promise<void>): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (;;) {
      const line = await rl.question('> ').catch(() => null);
      if (line === null || ['exit', 'quit', '退出'].includes(line.trim())) return;
      const step = parseScriptLine(line);
      if (step.kind === 'error') console.log(step.reason);
      else if (step.kind !== 'skip') await perform(step);
    }
  } finally {
    rl.close();
  }
}

function banner(consoleUrl: string | null): string {
  const people = demoPeople.map((p) => `${p.name}${p.role === 'SECRETARY' ? '（书记）' : ''}${p.bound ? '' : '（未绑定，手机尾号 ' + p.phone.slice(-4) + '）'}`);
  return [
    '本地模拟器：未配置 WECHATY_PUPPET，机器人运行在 wechaty-puppet-mock 上。',
    `演示组织：${demoOrganizationPath}；群聊：「${groupTopic}」；成员：${people.join('、')}`,
    '输入格式：<姓名> <群|私聊> <内容>，例如「张三 群 签到」「陈新 私聊 绑定 陈新 0005」；「等待 <秒>」暂停；',
    `「运行 <定时任务> [+N天]」立即运行（${scheduledJobs.map((job) => job.name).join('、')}），+N天 按 N 天后的时间运行；exit 退出。`,
    consoleUrl
      ? `网页后台：${consoleUrl}（书记私聊发送「后台」获取一次性登录链接，例如「刘建国 私聊 后台」）`
      : '网页后台：未开启（WEB_PORT=0）',
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}
