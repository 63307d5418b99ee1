import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { scheduledJobs } from '../../jobs/all-jobs.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { startOfficialAccountStage } from './official-account-stage.ts';
import { startPersonalAccountStage } from './personal-account-stage.ts';
import { jobResultLine } from './job-result-line.ts';
import { parseScriptLine, type ScriptStep } from './script-line.ts';

/**
 * The local simulator (Hubot's shell adapter, for WeChat): the same bot on a stand-in for WeChat —
 * a personal account on wechaty-puppet-mock, or (`officialAccount`) the official account against a
 * local fake of WeChat's API — with a demo organisation and a handful of members. The operator
 * types as any member, or replays a script file, and sees the bot's messages.
 */
export async function runSimulator(options: { config: Config; log: Logger; scriptFile?: string; officialAccount?: boolean }): Promise<void> {
  const { config, log } = options;
  const stage = options.officialAccount ? await startOfficialAccountStage(config, log) : await startPersonalAccountStage(config, log);
  const { assistant } = stage;
  console.log(stage.banner);
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
      stage.runsLater(step.days);
      const runAt = new Date(Date.now() + step.days * 24 * 3600_000);
      const result = await job.run(assistant.jobContext, runAt);
      console.log(`⏰ ${jobResultLine(job.name, result)}（${step.days > 0 ? `按 ${step.days} 天后的时间` : '现在'}运行）`);
    } else {
      await stage.perform(step);
    }
    await assistant.idle();
    await stage.afterStep();
  };
  try {
    if (options.scriptFile) {
      await replayScript(options.scriptFile, perform);
      // Let the last batched group reply go out before leaving: a script's output is read afterwards.
      await new Promise((resolve) => setTimeout(resolve, (config.GROUP_REPLY_WINDOW_SECONDS + 1) * 1000));
      await assistant.idle();
    } else {
      await typeInteractively(perform);
      console.log('正在退出模拟器……');
    }
  } finally {
    await stage.stop();
  }
  if (!options.scriptFile) console.log('已退出。');
}

type Step = Exclude<ScriptStep, { kind: 'skip' } | { kind: 'error' }>;

async function replayScript(file: string, perform: (step: Step) => Promise<void>): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const step = parseScriptLine(line);
    if (step.kind === 'skip') continue;
    if (step.kind === 'error') throw new Error(`${file}:${index + 1}: ${step.reason}`);
    if (step.kind === 'message') console.log(`👤 ${step.who}（${step.where === 'group' ? '群' : '私聊'}）：${step.text}`);
    if (step.kind === 'event') console.log(`👤 ${line.trim()}`);
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
