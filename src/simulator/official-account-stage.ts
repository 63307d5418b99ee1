import { randomBytes } from 'node:crypto';
import { Assistant } from '../assistant/assistant.ts';
import { officialAccountPuppet, type Config } from '../config.ts';
import { activityScene } from '../domain/activities/activity-qr-scene.ts';
import { consoleBaseUrl } from '../domain/console/console-address.ts';
import type { Logger } from '../log.ts';
import { demoOrganizationPath, demoPeople, seedDemoRoster } from './demo-roster.ts';
import { startFakeWeChatApi, type FakeSentMessage } from './fake-wechat-api.ts';
import { consoleLine, demoPeopleLine, jobsLine, printBotMessage, unknownPerson } from './simulator-output.ts';
import type { SimulatorStage } from './simulator-stage.ts';
import { newEncodingAesKey, WechatCallbackDriver, type CallbackAnswer } from './wechat-callback-driver.ts';

const dayMs = 24 * 3_600_000;
const demoTemplateId = 'TPL_DEMO_NOTICE';
/** One template for every kind of message, as an account that took one general 通知 template from the 模板库 has. */
const demoTemplates: Config['OA_TEMPLATES'] = { default: { id: demoTemplateId, data: { thing1: 'title', thing2: 'text', time3: 'time' } } };

/**
 * WeChat's clock in the simulator: real time, moved forward by `运行 … +N天` so that the 48-hour
 * windows close; it never goes back. The assistant keeps the real time (the database stamps rows
 * with it, and a moved clock would find every 确认's preview a day old): it tries a 客服消息, WeChat
 * answers 45015 (window closed), and the message goes as a template or waits — WeChat's answer decides.
 */
class WeChatClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** N days from now, in real time; the clock moves there unless it is later already. Returns whether it moved. */
  advanceTo(days: number): boolean {
    if (days * dayMs <= this.offsetMs) return false;
    this.offsetMs = days * dayMs;
    return true;
  }
}

/**
 * The demo on the official account (服务号): the assistant on its own channel against the local fake
 * of WeChat's API, with generated credentials; the stage plays WeChat's signed, encrypted callbacks
 * for what members do, and prints what WeChat accepted ([客服消息] or [模板消息 …]) and what waits.
 */
export async function startOfficialAccountStage(simulatorConfig: Config, log: Logger): Promise<SimulatorStage> {
  if (simulatorConfig.WEB_PORT === 0) throw new Error('WEB_PORT=0: the official account needs the web server, where WeChat\'s callbacks arrive');
  const clock = new WeChatClock();
  const appId = `wx${randomBytes(8).toString('hex')}`;
  const appSecret = randomBytes(16).toString('hex');
  const token = randomBytes(12).toString('hex');
  const encodingAesKey = newEncodingAesKey();
  const wechat = await startFakeWeChatApi({ appId, appSecret, now: () => clock.now().getTime() });
  wechat.addTemplate(demoTemplateId);
  const config: Config = {
    ...simulatorConfig,
    ...wechat.accountSettings({ token, encodingAesKey }),
    OA_TEMPLATES: demoTemplates,
    // The simulator's data is emptied at every start anyway: warn about a volatile Redis, as without a puppet.
    ALLOW_VOLATILE_REDIS: true,
  };
  const assistant = new Assistant(officialAccountPuppet, { config, log });
  await assistant.ready;
  // WeChat calls the server directly, not through the public address in links.
  const callbacks = new WechatCallbackDriver({ target: consoleBaseUrl({ ...config, WEB_BASE_URL: '' })!, token, appId, encodingAesKey });

  const { memberIds } = await seedDemoRoster(assistant.db);
  const openIds = new Map(demoPeople.map((person) => [person.name, `o-demo-${person.phone}`]));
  const names = new Map([...openIds].map(([name, openId]) => [openId, name]));
  const following = new Set<string>();
  for (const person of demoPeople.filter((p) => p.bound)) {
    const openId = openIds.get(person.name)!;
    wechat.follow(openId);
    following.add(openId);
    await assistant.db.wechatContact.create({ data: { id: openId, memberId: memberIds.get(person.name)!, boundAt: new Date(), account: config.BOT_NAME } });
  }
  wechat.onSent((message) => printBotMessage(`私聊 ${names.get(message.openId) ?? '?'} ${mark(message)}`, shownText(message)));
  const shownAwaiting = new Set<number>();

  const member = {
    async follow(openId: string, scene?: string) {
      wechat.follow(openId);
      wechat.userEvent(openId);
      following.add(openId);
      accepted(await callbacks.event(openId, 'subscribe', scene ? { scene } : {}));
    },
    async unfollow(openId: string) {
      wechat.unfollow(openId);
      following.delete(openId);
      accepted(await callbacks.event(openId, 'unsubscribe'));
    },
    async click(openId: string, key: string) {
      wechat.userEvent(openId);
      accepted(await callbacks.click(openId, key));
    },
    async scan(openId: string, activityId: number) {
      const scene = activityScene(activityId);
      // Scanning without following follows the account: WeChat sends subscribe with the scene.
      if (!following.has(openId)) return member.follow(openId, scene);
      wechat.userEvent(openId);
      accepted(await callbacks.scan(openId, scene));
    },
    async write(openId: string, text: string) {
      wechat.userMessage(openId);
      accepted(await callbacks.text(openId, text));
    },
  };

  return {
    assistant,
    banner: [
      '本地模拟器（服务号）：机器人运行在本地的微信接口仿真上，微信的回调（安全模式）发到本机的 /oa/callback。',
      `演示组织：${demoOrganizationPath}；成员：${demoPeopleLine()}；陈新还没有关注服务号。`,
      '输入格式：<姓名> 私聊 <内容>；<姓名> 关注 | 取关 | 菜单 <按钮> | 扫码 <活动编号>，例如「陈新 关注」「张三 菜单 签到」；「等待 <秒>」暂停；',
      jobsLine(),
      `+N天 也把时钟拨到 N 天后：48 小时窗口关闭后，消息改发模板消息（${demoTemplateId}），或等成员下次发消息。`,
      consoleLine(config),
    ].join('\n'),
    async perform(step) {
      const openId = openIds.get(step.who);
      if (!openId) return unknownPerson(step.who);
      if (step.kind === 'message' && step.where === 'group') {
        console.log('服务号没有群聊：群里的签到汇总和「绑定本群」要用个人微信号（npm start，不带 --official-account）。');
        return;
      }
      const ifFollowing = (act: () => Promise<void>): Promise<void> | void =>
        following.has(openId) ? act() : console.log(`${step.who} 没有关注服务号：先「${step.who} 关注」。`);
      if (step.kind === 'message') return ifFollowing(() => member.write(openId, step.text));
      const { event } = step;
      switch (event.type) {
        case 'follow':
          return following.has(openId) ? console.log(`${step.who} 已经关注了服务号。`) : member.follow(openId);
        case 'scan':
          return member.scan(openId, event.activityId);
        case 'unfollow':
          return ifFollowing(() => member.unfollow(openId));
        case 'menu':
          return ifFollowing(() => member.click(openId, event.key));
      }
    },
    runsLater(days) {
      if (clock.advanceTo(days)) console.log(`🕒 微信的时钟拨到 ${days} 天后：此前打开的客服消息窗口按这个时间关闭。`);
    },
    async afterStep() {
      const awaiting = await assistant.db.delivery.findMany({
        where: { awaitingSince: { not: null }, id: { notIn: [...shownAwaiting] } },
        select: { id: true, conversationId: true, text: true, broadcast: { select: { text: true } } },
        orderBy: { id: 'asc' },
      });
      for (const delivery of awaiting) {
        shownAwaiting.add(delivery.id);
        printBotMessage(`私聊 ${names.get(delivery.conversationId ?? '') ?? '?'} [等待：窗口已关、没有模板，等 TA 下次发消息]`, delivery.text ?? delivery.broadcast.text);
      }
    },
    async stop() {
      await assistant.stop();
      await wechat.close();
    },
  };
}

function mark(message: FakeSentMessage): string {
  return message.type === 'custom' ? '[客服消息]' : `[模板消息 ${message.templateId}]`;
}

function shownText(message: FakeSentMessage): string {
  if (message.type === 'custom') return message.text;
  const fields = Object.entries(message.data).map(([key, value]) => `${key}：${value}`);
  return [...fields, ...(message.url ? [`详情：${message.url}`] : [])].join('\n');
}

/** WeChat's callback must be answered 'success'; anything else is worth the operator's eye. */
function accepted(answer: CallbackAnswer): void {
  if (answer.status !== 200 || answer.body !== 'success') console.log(`⚠️ 回调没有被接受：HTTP ${answer.status} ${answer.body}`);
}
