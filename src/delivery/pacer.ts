/**
 * Keeps the bot's WeChat account looking like a careful person: at most one message every
 * `intervalMs` plus a random jitter, and a longer pause between posts to group chats.
 * One pacer per bot account (the outbox worker for that account owns it).
 */
export class Pacer {
  private nextSendAt = 0;
  private nextGroupPostAt = 0;

  constructor(
    private readonly options: {
      intervalMs: number;
      jitterMs: number;
      groupPauseMs: number;
      now?: () => number;
      random?: () => number;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  /** Resolves when the next message may go out, and books that slot. */
  async waitTurn(toGroup: boolean): Promise<void> {
    const now = this.options.now ?? Date.now;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const sendAt = Math.max(now(), this.nextSendAt, toGroup ? this.nextGroupPostAt : 0);
    const { intervalMs, jitterMs, groupPauseMs } = this.options;
    this.nextSendAt = sendAt + intervalMs + Math.round((this.options.random ?? Math.random)() * jitterMs);
    if (toGroup) this.nextGroupPostAt = sendAt + groupPauseMs;
    const wait = sendAt - now();
    if (wait > 0) await sleep(wait);
  }
}
