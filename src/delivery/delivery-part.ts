import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AssistantPart } from '../assistant/assistant-part.ts';
import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { closeWorker } from '../queues/close-worker.ts';
import { Gate } from '../queues/gate.ts';
import { workerConnection } from '../queues/redis.ts';
import { markContactUnreachable } from '../domain/members/mark-contact-unreachable.ts';
import { AccountLimits, officialAccountDailyLimit } from './account-limits.ts';
import { AwaitingMessages } from './awaiting-messages.ts';
import type { ChatPort } from './chat-port.ts';
import { ContactMarkers, createContactMarkerWorker } from './contact-markers.ts';
import { findDeliveryAccounts } from './delivery-accounts.ts';
import { DeliveryForecaster } from './forecast-deliveries.ts';
import { createGroupSummaryWorker, GroupSummaryScheduler } from './group-summary.ts';
import { Outbox } from './outbox.ts';
import { createOutboxWorker } from './outbox-worker.ts';
import { Pacer, pacerKey } from './pacer.ts';
import { parseQuietHours } from './quiet-hours.ts';

/**
 * Everything the bot sends: the account's outbox, the batched group summaries and the remarks it
 * writes on bound contacts, with their workers. A personal account is paced, capped and warmed up
 * so that WeChat does not take it for spam; an official account has WeChat's own limits instead.
 */
export class DeliveryPart implements AssistantPart {
  readonly name = 'delivery';
  readonly outbox: Outbox;
  readonly groupSummaries: GroupSummaryScheduler;
  readonly markers: ContactMarkers;
  /** The account's own limits; its first login starts the warm-up. */
  readonly accountLimits: AccountLimits;
  /** What will happen to a broadcast's messages, by the outbox's rules: what replies and pages tell secretaries. */
  private readonly forecaster: DeliveryForecaster;
  /** Messages waiting for a member's next message (the official account's 48-hour window). */
  private readonly awaiting: AwaitingMessages;
  private workers: Worker[] = [];
  /** Closed while the account is logged out: the workers that talk to WeChat wait at it. */
  private readonly gate = new Gate();
  private resumeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      config: Config;
      connection: Redis;
      db: Db;
      chat: ChatPort;
      now: () => Date;
      log: Logger;
      alerts: OperatorAlerts;
      /** The account is a certified 服务号, not a personal account on a puppet. */
      officialAccount?: boolean;
    },
  ) {
    const { config, connection, now } = options;
    const prefix = config.QUEUE_PREFIX;
    const personal = !options.officialAccount;
    this.accountLimits = new AccountLimits({
      redis: connection,
      db: options.db,
      prefix,
      account: config.BOT_NAME,
      dailyCap: personal ? config.ACCOUNT_DAILY_CAP : officialAccountDailyLimit,
      throttlePauseMs: config.THROTTLE_PAUSE_HOURS * 3_600_000,
      warmupMs: personal ? config.WARMUP_HOURS * 3_600_000 : 0,
    });
    this.awaiting = new AwaitingMessages({ redis: connection, prefix, account: config.BOT_NAME });
    this.forecaster = new DeliveryForecaster({
      db: options.db,
      account: this.accountLimits,
      quietHours: parseQuietHours(config.QUIET_HOURS) ?? null,
      dailyCap: config.DAILY_MESSAGE_CAP,
      timeZone: config.APP_TIME_ZONE,
      paceMs: personal ? (config.SEND_INTERVAL_SECONDS + config.SEND_JITTER_SECONDS / 2) * 1000 : 0,
      templates: personal ? null : config.OA_TEMPLATES,
      isHeld: () => this.gate.isClosed,
      now,
    });
    this.outbox = new Outbox({
      connection,
      prefix,
      account: config.BOT_NAME,
      retryDelayMs: config.SEND_RETRY_SECONDS * 1000,
      routeDeliveries: (deliveryIds) => findDeliveryAccounts(options.db, deliveryIds),
      awaiting: this.awaiting,
      forecaster: this.forecaster,
    });
    this.markers = new ContactMarkers({ connection, prefix, account: config.BOT_NAME });
    this.groupSummaries = new GroupSummaryScheduler({ connection, prefix, account: config.BOT_NAME, windowMs: config.GROUP_REPLY_WINDOW_SECONDS * 1000, now });
  }

  async start(): Promise<void> {
    const { config, db, chat, now, log } = this.options;
    const connection = workerConnection(config.REDIS_URL);
    const prefix = config.QUEUE_PREFIX;
    const timeZone = config.APP_TIME_ZONE;
    const personal = !this.options.officialAccount;
    if (!personal) await this.accountLimits.recordOfficialAccount(now());
    const outboxWorker = createOutboxWorker({
      connection,
      prefix,
      account: config.BOT_NAME,
      db,
      chat,
      rules: {
        pacer: new Pacer({
          redis: this.options.connection,
          key: pacerKey(prefix, config.BOT_NAME),
          intervalMs: (personal ? config.SEND_INTERVAL_SECONDS * 1000 : 0),
          jitterMs: (personal ? config.SEND_JITTER_SECONDS * 1000 : 0),
          replyIntervalMs: (personal ? config.REPLY_INTERVAL_SECONDS * 1000 : 0),
          replyJitterMs: (personal ? config.REPLY_JITTER_SECONDS * 1000 : 0),
          groupPauseMs: (personal ? config.GROUP_POST_PAUSE_SECONDS * 1000 : 0),
          strangerShare: config.STRANGER_REPLY_SHARE,
        }),
        account: this.accountLimits,
        quietHours: parseQuietHours(config.QUIET_HOURS) ?? null,
        dailyCap: config.DAILY_MESSAGE_CAP,
        timeZone,
        morningSpreadMs: 30 * 60_000,
      },
      now,
      log,
      alerts: this.options.alerts,
      gate: this.gate,
      awaiting: this.awaiting,
      onUnreachable: async (contactId) => this.outbox.enqueueDeliveries(await markContactUnreachable(db, { contactId, now: now() })),
    });
    this.workers = [
      outboxWorker,
      createContactMarkerWorker({ connection, prefix, account: config.BOT_NAME, db, chat, now, log, gate: this.gate }),
      createGroupSummaryWorker({ connection, prefix, account: config.BOT_NAME, db, outbox: this.outbox, timeZone, now, log }),
    ];
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /**
   * The account cannot send (logged out): the outbox and the remarks wait, so nothing is attempted
   * and no delivery is burned as failed. Everything waits in the queue.
   */
  hold(): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.gate.close();
  }

  /** Sends again after `afterMs` (a cool-down after a re-login), at the normal pace. */
  resume(afterMs = 0): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.gate.open(), afterMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.resumeTimer);
    this.gate.shut();
    await Promise.all(this.workers.map((worker) => closeWorker(worker)));
    await Promise.all([this.outbox.close(), this.groupSummaries.close(), this.markers.close()]);
  }
}
