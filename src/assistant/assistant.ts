import type * as PUPPET from 'wechaty-puppet';
import type { JobContext } from '../../jobs/scheduled-job.ts';
import { SchedulesPart } from '../../jobs/schedules-part.ts';
import { createOperatorAlerts, type OperatorAlerts } from '../alerts/operator-alerts.ts';
import { requireDurableRedis } from '../check-services.ts';
import { officialAccountPuppet, type Config } from '../config.ts';
import { ConsolePart } from '../console/console-part.ts';
import { createDb, type Db } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { DeliveryPart } from '../delivery/delivery-part.ts';
import { parseQuietHours, quietHoursEnd } from '../delivery/quiet-hours.ts';
import { IntakePart } from '../intake/intake-part.ts';
import { createLogger, type Logger } from '../log.ts';
import { OfficialAccount } from '../official-account/official-account.ts';
import { createRedis } from '../queues/redis.ts';
import { AccountLiveness } from '../wechaty/account-liveness.ts';
import { ContactKeeper } from '../wechaty/contact-keeper.ts';
import { loginQrCodeKey, publishLoginQrCode } from '../wechaty/login-qr-code.ts';
import { PuppetChatPort } from '../wechaty/puppet-chat-port.ts';
import { PuppetListener } from '../wechaty/puppet-listener.ts';
import type { AssistantPart } from './assistant-part.ts';

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

/** What the assistant talks through: a personal account on a Wechaty puppet, or a certified official account (服务号). */
export type AssistantChannel = PUPPET.impls.PuppetInterface | typeof officialAccountPuppet;

/**
 * The running assistant on one channel: it listens at once (messages are queued in Redis while
 * the rest starts), then migrates the database and starts its parts in order.
 * Data flows one way: chat → intake → commands → domain (Prisma) → delivery → chat; schedules feed delivery.
 */
export class Assistant {
  readonly db: Db;
  readonly log: Logger;
  /** Resolves when every part runs; rejects if start-up failed (e.g. a migration). */
  readonly ready: Promise<void>;
  private readonly redis;
  /** Alerts for the operator, outside WeChat. */
  readonly alerts: OperatorAlerts;
  /** Hears the puppet; none on the official account, whose callbacks come to the console's server. */
  private readonly listener: PuppetListener | undefined;
  private readonly stopWatchingAccount: () => void;
  private readonly delivery: DeliveryPart;
  private readonly intake: IntakePart;
  private readonly schedules: SchedulesPart;
  private readonly parts: AssistantPart[];
  private stopping: Promise<void> | undefined;

  constructor(channel: AssistantChannel, options: AssistantOptions) {
    const { config } = options;
    const now = options.now ?? (() => new Date());
    this.log = options.log ?? createLogger(config.LOG_LEVEL);
    this.redis = createRedis(config.REDIS_URL);
    this.db = createDb(config.DATABASE_URL);
    const shared = { config, connection: this.redis, db: this.db, now, log: this.log };
    const officialAccount = channel === officialAccountPuppet ? new OfficialAccount({ config, redis: this.redis, db: this.db, now, log: this.log }) : null;
    const puppet = channel === officialAccountPuppet ? null : channel;

    this.alerts = createOperatorAlerts({ url: config.ALERT_WEBHOOK_URL, account: config.BOT_NAME, log: this.log });
    this.delivery = new DeliveryPart({
      ...shared,
      chat: officialAccount?.chat ?? new PuppetChatPort(puppet!),
      alerts: this.alerts,
      officialAccount: officialAccount !== null,
    });
    const { outbox, groupSummaries } = this.delivery;
    this.schedules = new SchedulesPart({ ...shared, outbox, cron: options.schedules ?? true });
    this.intake = new IntakePart({
      ...shared,
      outbox,
      groupSummaries,
      reminders: this.schedules.reminders,
      markers: this.delivery.markers,
      botName: () => this.listener?.botName,
      alerts: this.alerts,
    });
    this.listener = puppet
      ? new PuppetListener(puppet, {
        // A grace before start-up: phones' clocks lag, and WeChat stamps whole seconds.
        heardFrom: now().getTime() - config.STARTUP_GRACE_SECONDS * 1000,
        push: (message) => this.intake.queue.push(message),
        log: this.log,
        })
      : undefined;
    const callback = officialAccount?.callbackRoutes({
      accept: (message) => this.intake.queue.pushDurably(message),
      heard: (contactId) => outbox.wakeAwaiting(contactId),
    });
    // In the order data depends on them: intake uses the schedules' reminders and the outbox; the console, last, all of it.
    this.parts = [
      this.delivery,
      this.schedules,
      this.intake,
      new ConsolePart({ ...shared, outbox, reminders: this.schedules.reminders, markers: this.delivery.markers, ...(officialAccount ? { officialAccount: officialAccount.api } : {}) }, callback),
    ];

    this.ready = this.start(config, options.migrate ?? true);
    this.ready.catch((error: unknown) => this.log.fatal({ err: error }, 'assistant could not start'));
    // After `ready` exists: an account logged in already is surveyed once the parts run.
    this.stopWatchingAccount = puppet ? this.watchAccount(puppet, config, now) : this.openForOfficialAccount();
  }

  /** An official account is never logged out: intake and the outbox run as soon as the parts do. */
  private openForOfficialAccount(): () => void {
    void this.ready.then(
      () => {
        this.intake.resume();
        this.delivery.resume();
      },
      () => undefined,
    );
    return () => {};
  }

  /**
   * The WeChat account itself: whether it is logged in (the outbox holds while it is not, and the
   * operator is told), who its contacts are after each login, and the QR code for `npm run login`.
   */
  private watchAccount(puppet: PUPPET.impls.PuppetInterface, config: Config, now: () => Date): () => void {
    const contacts = new ContactKeeper(puppet, {
      db: this.db,
      account: config.BOT_NAME,
      outbox: this.delivery.outbox,
      markers: this.delivery.markers,
      alerts: this.alerts,
      now,
      log: this.log,
    });
    const quietHours = parseQuietHours(config.QUIET_HOURS) ?? null;
    let logins = 0;
    const liveness: AccountLiveness = new AccountLiveness(puppet, {
      alerts: this.alerts,
      silenceAlertMs: config.SILENCE_ALERT_HOURS * 3_600_000,
      isDaytime: (at) => quietHoursEnd(at, quietHours, config.APP_TIME_ZONE) === null,
      onOffline: () => {
        this.intake.hold();
        this.delivery.hold();
      },
      // Ids may have changed with the login: find everyone again before anything is read or sent.
      onOnline: (afterIncident) => {
        const login = ++logins;
        void this.ready
          // The account's first login starts its warm-up.
          .then(() => this.delivery.accountLimits.recordLogin(now()))
          .catch((error: unknown) => this.log.error({ err: error }, 'could not record the login'))
          .then(() => contacts.survey())
          .then(() => {
            // Logged out (or in again) while the survey ran: this login's resume is stale.
            if (login !== logins || !liveness.online) return;
            this.intake.resume();
            this.delivery.resume(afterIncident ? config.RESUME_COOLDOWN_MINUTES * 60_000 : 0);
          });
      },
      now,
      log: this.log,
    });
    const stopPublishingQrCode = publishLoginQrCode(puppet, this.redis, loginQrCodeKey(config.QUEUE_PREFIX, config.BOT_NAME));
    return () => {
      liveness.stop();
      contacts.stop();
      stopPublishingQrCode();
    };
  }

  /** What scheduled jobs work with; tests run a job's `run` with it at a time of their choosing. */
  get jobContext(): JobContext {
    return this.schedules.jobContext;
  }

  private async start(config: Config, migrate: boolean): Promise<void> {
    await requireDurableRedis(config, this.log);
    if (migrate) {
      const applied = await applyMigrations({ databaseUrl: config.DATABASE_URL, createDatabase: true });
      if (applied.length > 0) this.log.info({ applied }, 'database migrated');
    }
    for (const part of this.parts) await part.start();
  }

  /**
   * Resolves once every message heard so far is processed and its replies are handed to the
   * chat service (delayed group summaries aside). For tests and the simulator's scripts.
   */
  async idle(): Promise<void> {
    // Let message events already emitted finish reading their payloads into intake.
    await new Promise((resolve) => setImmediate(resolve));
    await this.intake.queue.flush();
    while (!(await this.intake.queue.isIdle()) || !(await this.delivery.outbox.isIdle())) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops listening, then stops the parts in reverse order (intake writes what it still holds), then the connections. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    this.listener?.stop();
    this.stopWatchingAccount();
    await this.ready.catch(() => undefined);
    for (const part of [...this.parts].reverse()) {
      this.log.debug({ part: part.name }, 'assistant stopping');
      await part.stop();
    }
    await this.redis.quit();
    await this.db.$disconnect();
    this.log.debug('assistant stopped');
  }
}
