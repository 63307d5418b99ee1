import { DelayedError, type Job } from 'bullmq';

/**
 * Holds a worker's jobs while closed: the job in hand waits at the gate, and with concurrency 1
 * no other is taken. (BullMQ's Worker.pause() does not do this: a fetch already waiting for a
 * job still hands the next job over.)
 */
export class Gate {
  private opened: Promise<boolean> = Promise.resolve(true);
  private release: ((pass: boolean) => void) | undefined;
  private isShut = false;

  /** Closed (or shut): jobs wait. */
  get isClosed(): boolean {
    return this.release !== undefined || this.isShut;
  }

  close(): void {
    if (this.release || this.isShut) return;
    this.opened = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    if (this.isShut) return;
    this.release?.(true);
    this.release = undefined;
  }

  /** For good, as the worker stops: whoever waits, and whoever comes, is turned back. */
  shut(): void {
    this.isShut = true;
    this.release?.(false);
    this.release = undefined;
    this.opened = Promise.resolve(false);
  }

  /** True once open (at once while open); false when shut. */
  passed(): Promise<boolean> {
    return this.opened;
  }
}

/**
 * In a worker's processor: waits at the gate. If the worker is stopping instead, the job goes
 * back to the queue as it was (no attempt used) for the next start.
 */
export async function passGate(gate: Gate, job: Job, token: string | undefined): Promise<void> {
  if (await gate.passed()) return;
  await job.moveToDelayed(Date.now(), token);
  throw new DelayedError();
}
