import { scheduledJobs } from '../../jobs/all-jobs.ts';
import type { Config } from '../config.ts';
import { consoleBaseUrl } from '../domain/console/console-address.ts';
import { demoPeople } from './demo-roster.ts';

/** What the simulator prints, the same on either channel. */

/** A message the bot sent (`where`: 私聊 张三, 群「…」), with how WeChat took it when that matters ([客服消息] …). */
export function printBotMessage(where: string, text: string): void {
  console.log(`\n🤖 → ${where}\n${indent(text)}\n`);
}

export function unknownPerson(who: string): void {
  console.log(`没有这个人：${who}。可选：${demoPeople.map((person) => person.name).join('、')}`);
}

export function demoPeopleLine(): string {
  return demoPeople
    .map((p) => `${p.name}${p.role === 'SECRETARY' ? '（书记）' : ''}${p.bound ? '' : '（未绑定，手机尾号 ' + p.phone.slice(-4) + '）'}`)
    .join('、');
}

export function jobsLine(): string {
  return `「运行 <定时任务> [+N天]」立即运行（${scheduledJobs.map((job) => job.name).join('、')}），+N天 按 N 天后的时间运行；exit 退出。`;
}

export function consoleLine(config: Config): string {
  const url = consoleBaseUrl(config);
  return url ? `网页后台：${url}（书记私聊发送「后台」获取一次性登录链接，例如「刘建国 私聊 后台」）` : '网页后台：未开启（WEB_PORT=0）';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}
