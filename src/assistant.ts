import type { Worker } from 'bullmq';
import type * as PUPPET from 'wechaty-puppet';
import { ActivityReminders, createActivityReminderWorker } from '../jobs/activity-reminders.ts';
import { scheduledJobs } from '../jobs/all-jobs.ts';
import { resumePendingWork } from '../jobs/resume-pending-work.ts';
import type { JobContext } from '../jobs/scheduled-job.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { commands } from './commands/registry.ts';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/client.ts';
import { applyMigrations } from './db/migrate.ts';
import { createGroupSummaryWorker, GroupSummaryScheduler } from './delivery/group-summary.ts';
import { Outbox } from './delivery/outbox.ts';
import { createOutboxWorker } from './delivery/outbox-worker.ts';
import { Pacer } from './delivery/pacer.ts';
import { parseQuietHours } from './delivery/quiet-hours.ts';
import { IntakeQueue } from './intake/intake-queue.ts';
import { createIntakeWorker } from './intake/intake-worker.ts';
import { createLogger, type Logger } from './log.ts';
import { closeWorker } from './queues/close-worker.ts';
import { createRedis, workerConnection } from './queues/redis.ts';
import { PuppetChatPort } from './wechaty/puppet-chat-port.ts';
import { listenToPuppet } from './wechaty/puppet-intake.ts';

export interface AssistantOptions {
  config: Config;
  log?: Logger;
  /** The clock; tests pass a controllable one. */
  now?: () => Date;
  /** Apply pending database migrations before the workers start (default true). */
  migrate?: boolean;
  /** Run the scheduled jobs (default true). Tests turn them off and run a job's `run` at a time of their choosing. */
  schedules?: boolean;
}

/**
 * The running assistant on one puppet: it listens at once (messages are queued in Redis while
 * the rest starts), then migrates the database and starts the workers.
 * Data flows one way: puppet → intake queue → commands → domain (Prisma) → outbox → puppet.
 */
export class Assistant {
  readonly db: Db;
  readonly log: Logger;
  /** Resolves when the workers run; rejects if start-up failed (e.g. a migration). */
  readonly ready: Promise<void>;
  private readonly redis;
  private readonly intake: IntakeQueue;
  private readonly outbox: Outbox;
  private readonly groupSummaries: GroupSummaryScheduler;
  private readonly reminders: ActivityReminders;
  private readonly stopListening: () => void;
  private readonly stopWatchingLogin: () => void;
  private workers: Worker[] = [];
  private scheduler: Scheduler | undefined;
  /** What scheduled jobs work with; tests run a job's `run` with it at a time of their choosing. */
  readonly jobContext: JobContext;
  private botName: string | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly puppet: PUPPET.impls.PuppetInterface,
    options: AssistantOptions,
  ) {
    const { config } = options;
    const now = options.now ?? (() => new Date());
    const connection = createRedis(config.REDIS_URL);
    const prefix = config.QUEUE_PREFIX;
    this.log = options.log ?? createLogger(config.LOG_LEVEL);
    this.redis = connection;
    this.db = createDb(config.DATABASE_URL);
    this.intake = new IntakeQueue({ connection, prefix, botName: () => this.botName });
    this.outbox = new Outbox({ connection, prefix, account: config.BOT_NAME });
    this.groupSummaries = new GroupSummaryScheduler({
      connection,
      prefix,
      windowMs: config.GROUP_REPLY_WINDOW_SECONDS * 1000,
      now,
    });
    this.reminders = new ActivityReminders({
      connection,
      prefix,
      times: { reminderMinutes: config.ACTIVITY_REMINDER_MINUTES, followUpMinutes: config.ACTIVITY_FOLLOW_UP_MINUTES },
      now,
    });
    this.jobContext = { db: this.db, outbox: this.outbox, reminders: this.reminders, config, log: this.log };
    this.stopWatchingLogin = this.watchBotName();
    this.stopListening = listenToPuppet(puppet, {
      startedAt: now().getTime(),
      push: (message) => this.intake.push(message),
      log: this.log,
    });
    this.ready = this.startWorkers(options, now, connection, prefix);
    this.ready.catch((error: unknown) => this.log.fatal({ err: error }, 'assistant could not start'));
  }

  private async startWorkers(
    options: AssistantOptions,
    now: () => Date,
    connection: ReturnType<typeof createRedis>,
    prefix: string,
  ): Promise<void> {
    const { config } = options;
    if (options.migrate ?? true) {
      const applied = await applyMigrations({ databaseUrl: config.DATABASE_URL, createDatabase: true });
      if (applied.length > 0) this.log.info({ applied }, 'database migrated');
    }
    const { db, log, outbox, groupSummaries, reminders } = this;
    const timeZone = config.TZ;
    const workerRedis = workerConnection(config.REDIS_URL);
    this.workers = [
      createIntakeWorker({
        connection: workerRedis,
        prefix,
        db,
        commands,
        config,
        outbox,
        groupSummaries,
        reminders,
        log,
      }),
      createOutboxWorker({
        connection: workerRedis,
        prefix,
        account: config.BOT_NAME,
        db,
        chat: new PuppetChatPort(this.puppet),
        rules: {
          pacer: new Pacer({
            intervalMs: config.SEND_INTERVAL_SECONDS * 1000,
            jitterMs: config.SEND_JITTER_SECONDS * 1000,
            groupPauseMs: config.GROUP_POST_PAUSE_SECONDS * 1000,
          }),
          quietHours: parseQuietHours(config.QUIET_HOURS) ?? null,
          dailyCap: config.DAILY_MESSAGE_CAP,
          timeZone: config.TZ,
          morningSpreadMs: 30 * 60_000,
        },
        now,
        log,
      }),
      createGroupSummaryWorker({ connection: workerRedis, prefix, db, outbox, timeZone, now, log }),
      createActivityReminderWorker({ connection: workerRedis, prefix, db, outbox, timeZone, now, log }),
    ];
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    const context = this.jobContext;
    // Always at start-up, whatever the schedule says: a crash is exactly when queued work was lost.
    await resumePendingWork.run(context, now());
    if (options.schedules ?? true) {
      this.scheduler = new Scheduler({ connection, workerConnection: workerRedis, prefix, jobs: scheduledJobs, context, now });
      await this.scheduler.start();
    }
  }

  /** The bot's display name, so "@助手 签到" is understood as "签到". */
  private watchBotName(): () => void {
    const learn = async (): Promise<void> => {
      const selfId = this.puppet.isLoggedIn ? this.puppet.currentUserId : undefined;
      if (selfId) this.botName = (await this.puppet.contactPayload(selfId)).name;
    };
    const onLogin = () => void learn().catch((error: unknown) => this.log.warn({ err: error }, 'could not read the bot name'));
    onLogin();
    this.puppet.on('login', onLogin);
    return () => this.puppet.off('login', onLogin);
  }

  /**
   * Resolves once every message heard so far is processed and its replies are handed to the
   * chat service (delayed group summaries aside). For tests and the simulator's scripts.
   */
  async idle(): Promise<void> {
    // Let message events already emitted finish reading their payloads into intake.
    await new Promise((resolve) => setImmediate(resolve));
    await this.intake.flush();
    while (!(await this.intake.isIdle()) || !(await this.outbox.isIdle())) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops listening, writes what intake still holds, and closes workers, queues and connections. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    const step = (name: string) => this.log.debug({ step: name }, 'assistant stopping');
    this.stopListening();
    this.stopWatchingLogin();
    await this.ready.catch(() => undefined);
    step('scheduler');
    await this.scheduler?.close();
    step('intake');
    await this.intake.close();
    step('workers');
    await Promise.all(this.workers.map((worker) => closeWorker(worker)));
    step('queues');
    await Promise.all([this.outbox.close(), this.groupSummaries.close(), this.reminders.close()]);
    step('connections');
    await this.redis.quit();
    await this.db.$disconnect();
    step('stopped');
  }

}
