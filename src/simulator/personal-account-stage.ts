import { WechatyBuilder } from 'wechaty';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { EngagementAssistant } from '../plugin.ts';
import { demoOrganizationPath, demoPeople, seedDemoRoster } from './demo-roster.ts';
import { MockWorld, type ContactMock } from './mock-world.ts';
import { consoleLine, demoPeopleLine, jobsLine, printBotMessage, unknownPerson } from './simulator-output.ts';
import type { SimulatorStage } from './simulator-stage.ts';

const groupTopic = '祁连路社区流动党员群';

/** The demo on a personal account: the same bot on wechaty-puppet-mock, with the demo group chat. */
export async function startPersonalAccountStage(config: Config, log: Logger): Promise<SimulatorStage> {
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
    printBotMessage(conversationId === room.id ? `群「${groupTopic}」` : `私聊 ${names.get(conversationId) ?? conversationId}`, text);
  });

  return {
    assistant,
    banner: [
      '本地模拟器：未配置 WECHATY_PUPPET，机器人运行在 wechaty-puppet-mock 上。',
      `演示组织：${demoOrganizationPath}；群聊：「${groupTopic}」；成员：${demoPeopleLine()}`,
      '输入格式：<姓名> <群|私聊> <内容>，例如「张三 群 签到」「陈新 私聊 绑定 陈新 0005」；「等待 <秒>」暂停；',
      jobsLine(),
      '服务号（关注、菜单、扫码）：npm start -- --official-account',
      consoleLine(config),
    ].join('\n'),
    async perform(step) {
      const contact = contacts.get(step.who);
      if (!contact) return unknownPerson(step.who);
      if (step.kind === 'event') {
        console.log('关注、取关、菜单和扫码只在服务号上：npm start -- --official-account');
        return;
      }
      contact.say(step.text).to(step.where === 'group' ? room : world.self);
    },
    runsLater: () => {},
    afterStep: async () => {},
    async stop() {
      await assistant.stop();
      await bot.stop();
    },
  };
}
