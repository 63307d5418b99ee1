import { fork, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BotReport, BotRequest, IncomingMessage, LoopDelay, SentRecord, WorldSpec } from './fault-bot.ts';

const botFile = path.join(import.meta.dirname, 'fault-bot.ts');

/** Where one scenario keeps its mock world, the bot's sent messages and its logs. */
export interface BotFiles {
  dir: string;
  world: string;
  sent: string;
}

export function prepareBotFiles(dir: string, world: WorldSpec): BotFiles {
  const files = { dir, world: path.join(dir, 'world.json'), sent: path.join(dir, 'sent.jsonl') };
  writeFileSync(files.world, JSON.stringify(world));
  writeFileSync(files.sent, '');
  return files;
}

/** Everything the bot has sent so far, over all its lives. */
export function readSent(files: BotFiles): SentRecord[] {
  return readFileSync(files.sent, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SentRecord);
}

/** The fault bot (fault-bot.ts) in a child process, driven over IPC; `kill` ends it as a crash would. */
export class BotProcess {
  private readonly reports: BotReport[] = [];
  private wake: (() => void) | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (report: BotReport) => {
      this.reports.push(report);
      this.wake?.();
    });
    child.on('exit', () => this.wake?.());
  }

  /** Starts the bot with `env` on top of the environment; resolves once its assistant runs. */
  static async start(files: BotFiles, env: Record<string, string>, life: number): Promise<BotProcess> {
    const log = openSync(path.join(files.dir, `bot-${life}.log`), 'a');
    const child = fork(botFile, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env, FAULT_WORLD_FILE: files.world, FAULT_SENT_FILE: files.sent },
      stdio: ['ignore', log, log, 'ipc'],
    });
    const bot = new BotProcess(child);
    await bot.next('ready', 120_000);
    return bot;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Hands messages to the mock puppet, in chunks (IPC messages stay small). */
  async deliver(messages: IncomingMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 250) {
      this.send({ type: 'deliver', messages: messages.slice(start, start + 250) });
      await this.next('delivered', 60_000);
    }
  }

  /** Resolves when every message heard so far is processed and its replies are sent (see Assistant.idle). */
  async idle(timeoutMs = 300_000): Promise<void> {
    this.send({ type: 'idle' });
    await this.next('idle', timeoutMs);
  }

  /** The bot's event-loop delay since the last reset; `reset` starts counting again from now. */
  async loopDelay(reset = false): Promise<LoopDelay> {
    this.send({ type: 'loop-delay', reset });
    const { type: _type, ...delay } = await this.next('loop-delay', 60_000);
    return delay;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ type: 'stop' });
    await exited;
  }

  async kill(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  private send(request: BotRequest): void {
    this.child.send(request);
  }

  private async next<T extends BotReport['type']>(type: T, timeoutMs: number): Promise<Extract<BotReport, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.reports.findIndex((report) => report.type === type);
      if (index >= 0) return this.reports.splice(index, 1)[0] as Extract<BotReport, { type: T }>;
      if (!this.alive) throw new Error(`the fault bot exited (waiting for '${type}'); see its log`);
      if (Date.now() > deadline) throw new Error(`the fault bot did not answer '${type}' within ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 1_000);
      });
    }
  }
}
