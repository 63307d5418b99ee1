import type { Assistant } from '../assistant/assistant.ts';
import type { ScriptStep } from './script-line.ts';

/** What a member does in a script: writes, or (on the official account) follows, taps the menu, scans. */
export type MemberStep = Extract<ScriptStep, { kind: 'message' } | { kind: 'event' }>;

/**
 * One channel the simulator plays WeChat on: the personal account on wechaty-puppet-mock, or the
 * official account against the local fake of WeChat's API. The script runner knows no more of it.
 */
export interface SimulatorStage {
  assistant: Assistant;
  /** What the operator reads first: the demo, the lines this channel understands, the console's address. */
  banner: string;
  /** The member's step, as WeChat would hand it to the bot. */
  perform(step: MemberStep): Promise<void>;
  /** `运行 <任务> +N天`: the job runs as if N days later; the stand-in for WeChat may move its clock there. */
  runsLater(days: number): void;
  /** After each step, once the bot is idle: anything else to show (e.g. messages put aside). */
  afterStep(): Promise<void>;
  stop(): Promise<void>;
}
