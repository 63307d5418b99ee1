import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AssistantPart } from '../assistant/assistant-part.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { closeWorker } from '../queues/close-worker.ts';
import { workerConnection } from '../queues/redis.ts';
import type { ChatPort } from './chat-port.ts';
import { createGroupSummaryWorker, GroupSummaryScheduler } from './group-summary.ts';
import { Outbox } from './outbox.ts';
import { createOutboxWorker } from './outbox-worker.ts';
import { Pacer, pacerKey } from './pacer.ts';
import { parseQuietHours } from './quiet-hours.ts';

/** Everything the bot sends: the account's outbox and the batched group summaries, with their workers. */
export class DeliveryPart implements AssistantPart {
  readonly name = 'delivery';
  readonly outbox: Outbox;
  readonly groupSummaries: GroupSummaryScheduler;
  private workers: Worker[] = [];
  private outboxWorker: Worker | undefined;
  private held = false;
  private resumeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: { config: Config; connection: Redis; db: Db; chat: ChatPort; now: () => Date; log: Logger },
  ) {
    const { config, connection, now } = options;
    const prefix = config.QUEUE_PREFIX;
    this.outbox = new Outbox({ connection, prefix, account: config.BOT_NAME, retryDelayMs: config.SEND_RETRY_SECONDS * 1000 });
    this.groupSummaries = new GroupSummaryScheduler({ connection, prefix, windowMs: config.GROUP_REPLY_WINDOW_SECONDS * 1000, now });
  }

  async start(): Promise<void> {
    const { config, db, chat, now, log } = this.options;
    const connection = workerConnection(config.REDIS_URL);
    const prefix = config.QUEUE_PREFIX;
    const timeZone = config.APP_TIME_ZONE;
    this.outboxWorker = createOutboxWorker({
      connection,
      prefix,
      account: config.BOT_NAME,
      db,
      chat,
      rules: {
        pacer: new Pacer({
          redis: this.options.connection,
          key: pacerKey(prefix, config.BOT_NAME),
          intervalMs: config.SEND_INTERVAL_SECONDS * 1000,
          jitterMs: config.SEND_JITTER_SECONDS * 1000,
          groupPauseMs: config.GROUP_POST_PAUSE_SECONDS * 1000,
          strangerShare: config.STRANGER_REPLY_SHARE,
        }),
        quietHours: parseQuietHours(config.QUIET_HOURS) ?? null,
        dailyCap: config.DAILY_MESSAGE_CAP,
        timeZone,
        morningSpreadMs: 30 * 60_000,
      },
      now,
      log,
    });
    // Paused before its first fetch when the account is not logged in yet.
    if (this.held) void this.outboxWorker.pause(true);
    this.workers = [
      this.outboxWorker,
      createGroupSummaryWorker({ connection, prefix, db, outbox: this.outbox, timeZone, now, log }),
    ];
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /**
   * The account cannot send (logged out): the outbox stops taking jobs, so nothing is attempted
   * and no delivery is burned as failed. Everything waits in the queue.
   */
  hold(): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    if (this.held) return;
    this.held = true;
    void this.outboxWorker?.pause(true);
  }

  /** Sends again after `afterMs` (a cool-down after a re-login), at the normal pace. */
  resume(afterMs = 0): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.held = false;
      this.outboxWorker?.resume();
    }, afterMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.resumeTimer);
    await Promise.all(this.workers.map((worker) => closeWorker(worker)));
    await Promise.all([this.outbox.close(), this.groupSummaries.close()]);
  }
}
