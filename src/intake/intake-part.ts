import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import type { ActivityReminders } from '../../jobs/activity-reminders.ts';
import type { AssistantPart } from '../assistant/assistant-part.ts';
import { commands } from '../commands/registry.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { ContactMarkers } from '../delivery/contact-markers.ts';
import type { GroupSummaryScheduler } from '../delivery/group-summary.ts';
import type { Outbox } from '../delivery/outbox.ts';
import type { Logger } from '../log.ts';
import { closeWorker } from '../queues/close-worker.ts';
import { Gate } from '../queues/gate.ts';
import { workerConnection } from '../queues/redis.ts';
import { IntakeQueue } from './intake-queue.ts';
import { createIntakeWorker } from './intake-worker.ts';

/**
 * The durable front door and what reads it: the queue takes messages from the moment the part
 * exists (they wait in Redis while the rest starts); the worker runs the commands once started.
 */
export class IntakePart implements AssistantPart {
  readonly name = 'intake';
  readonly queue: IntakeQueue;
  private worker: Worker | undefined;
  private readonly gate = new Gate();

  constructor(
    private readonly options: {
      config: Config;
      connection: Redis;
      db: Db;
      outbox: Outbox;
      groupSummaries: GroupSummaryScheduler;
      reminders: ActivityReminders;
      markers: ContactMarkers;
      /** The bot's display name, so "@助手 签到" is understood as "签到". */
      botName: () => string | undefined;
      /** The operator hears of a message set aside as poison. */
      alerts: OperatorAlerts;
      log: Logger;
    },
  ) {
    const { config, connection, botName } = options;
    this.queue = new IntakeQueue({ connection, prefix: config.QUEUE_PREFIX, account: config.BOT_NAME, botName });
  }

  async start(): Promise<void> {
    const { config, db, outbox, groupSummaries, reminders, markers, alerts, log } = this.options;
    this.worker = createIntakeWorker({
      connection: workerConnection(config.REDIS_URL),
      prefix: config.QUEUE_PREFIX,
      db,
      commands,
      config,
      outbox,
      groupSummaries,
      reminders,
      markers,
      log,
      alerts,
      gate: this.gate,
    });
    await this.worker.waitUntilReady();
  }

  /**
   * Messages wait in Redis, unprocessed: after a login the contacts may carry new ids, and a
   * member's message read before the survey re-linked them would be taken for a stranger's.
   */
  hold(): void {
    this.gate.close();
  }

  resume(): void {
    this.gate.open();
  }

  /** Writes what is still buffered to Redis, then lets the batch in hand finish. */
  async stop(): Promise<void> {
    this.gate.shut();
    await this.queue.close();
    if (this.worker) await closeWorker(this.worker);
  }
}
