import type { Command, ParsedCommand } from '../commands/command.ts';
import type { CommandContext } from '../commands/context.ts';
import { dispatch } from '../commands/dispatch.ts';
import { menuText } from '../commands/registry.ts';
import type { Db } from '../db/client.ts';
import { isDatabaseUp } from '../db/is-database-up.ts';
import { AttendanceBook } from '../domain/activities/attendance-book.ts';
import { CheckInBook } from '../domain/check-in/check-in-book.ts';
import { claimInboundMessages, type InboundRecord } from './claim-inbound-messages.ts';
import { createRecoveryNotices } from '../domain/care/create-recovery-notices.ts';
import { finishInboundMessages } from './finish-inbound-messages.ts';
import { loadChatGroups } from '../domain/members/load-chat-groups.ts';
import { loadSenders } from '../domain/shared/load-senders.ts';
import { localDay } from '../domain/shared/local-day.ts';
import type { GroupSummaryScheduler } from '../delivery/group-summary.ts';
import type { Outbox, OutboxItem } from '../delivery/outbox.ts';
import type { OutgoingMessage } from '../delivery/chat-port.ts';
import type { ActivityReminders } from '../../jobs/activity-reminders.ts';
import type { ContactMarkers } from '../delivery/contact-markers.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { IntakeBatch } from './intake-queue.ts';
import { readCommand } from './read-command.ts';

/** The most of a command's text kept with its inbound message (a 通知 is at most 1,000). */
const storedTextLimit = 2000;

export interface BatchDependencies {
  db: Db;
  commands: readonly Command[];
  config: Config;
  outbox: Outbox;
  groupSummaries: GroupSummaryScheduler;
  reminders: ActivityReminders;
  /** Remarks on contacts that bound in the batch, written within a minute rather than at the next survey. */
  markers: Pick<ContactMarkers, 'mark'>;
  log: Logger;
}

interface ParsedMessage {
  record: InboundRecord;
  parsed: ParsedCommand | null;
}

/**
 * Handles one intake batch: records every message once, runs the commands in order with one
 * context each, then writes the batch's check-ins, replies and activity in a few statements.
 * Safe to retry: messages already processed are skipped, replies carry idempotency keys.
 */
export async function processInboundBatch(deps: BatchDependencies, batch: IntakeBatch): Promise<void> {
  const { db, log } = deps;
  const messages = batch.messages.map((message) => parseMessage(deps.commands, message, batch.botName));
  const pendingIds = await claimInboundMessages(db, messages.map((message) => message.record));
  const pending = messages.filter((message) => pendingIds.has(message.record.id));
  if (pending.length === 0) return;

  const senders = await loadSenders(db, unique(pending.map(({ record }) => record.contactId)));
  const groups = await loadChatGroups(db, unique(pending.flatMap(({ record }) => (record.roomId ? [record.roomId] : []))));
  const memberIds = [...senders.values()].flatMap((sender) => (sender.member ? [sender.member.id] : []));
  const days = unique(pending.map(({ record }) => localDay(record.sentAt, deps.config.APP_TIME_ZONE)));
  const checkIns = await CheckInBook.load(db, memberIds, days);
  const sentTimes = pending.map(({ record }) => record.sentAt.getTime());
  const attendance = await AttendanceBook.load(db, {
    from: new Date(Math.min(...sentTimes)),
    to: new Date(Math.max(...sentTimes)),
    window: { opensMinutes: deps.config.ACTIVITY_CHECK_IN_OPENS_MINUTES, closesMinutes: deps.config.ACTIVITY_CHECK_IN_CLOSES_MINUTES },
  });
  const replies: OutboxItem[] = [];
  const deliveryIds: number[] = [];
  const openedActivities: { id: number; startsAt: Date }[] = [];
  const contactsToMark: string[] = [];

  for (const { record, parsed } of pending) {
    const sender = senders.get(record.contactId)!;
    let replyCount = 0;
    const answer = (message: OutgoingMessage) => {
      replyCount += 1;
      // Read at reply time: a contact who has just bound is answered as a member.
      replies.push({ key: `reply-${record.id}-${replyCount}`, toStranger: sender.member === null, message });
    };
    const ctx: CommandContext = {
      message: { id: record.id, contactId: record.contactId, roomId: record.roomId, sentAt: record.sentAt },
      isDirect: record.roomId === null,
      args: parsed?.args ?? '',
      sender,
      group: record.roomId ? groups.get(record.roomId)! : null,
      db,
      config: deps.config,
      checkIns,
      attendance,
      log,
      menu: () => menuText(deps.commands, sender.member?.role),
      reply(text) {
        answer(
          record.roomId
            ? { conversationId: record.roomId, toGroup: true, text, mentionContactId: record.contactId }
            : { conversationId: record.contactId, toGroup: false, text },
        );
      },
      replyPrivately(text) {
        answer({ conversationId: record.contactId, toGroup: false, text });
      },
      deliver(ids) {
        deliveryIds.push(...ids);
      },
      scheduleReminders(activity) {
        openedActivities.push(activity);
      },
      markContacts(contactIds) {
        contactsToMark.push(...contactIds);
      },
      forecast: (broadcastId) => deps.outbox.forecast(broadcastId),
    };
    try {
      await dispatch(ctx, parsed);
    } catch (error) {
      // A database outage fails the batch, to be retried; a fault with this one message must not.
      if (!(await isDatabaseUp(db))) throw error;
      log.error({ err: error, messageId: record.id, command: parsed?.command.name }, 'command failed');
      ctx.reply('抱歉，处理您的消息时出了问题，我们已记录，请稍后再试。');
    }
  }

  const groupsWithCheckIns = await checkIns.flush(db);
  await attendance.flush(db);
  await deps.outbox.enqueueReplies(replies);
  await deps.outbox.enqueueDeliveries(deliveryIds);
  for (const activity of openedActivities) await deps.reminders.schedule(activity);
  await deps.groupSummaries.schedule(groupsWithCheckIns);
  await deps.markers.mark(unique(contactsToMark));
  const recovered = await finishInboundMessages(
    db,
    pending.map(({ record }) => ({
      id: record.id,
      memberId: senders.get(record.contactId)?.member?.id ?? null,
      countsAsActivity: record.roomId === null || groups.get(record.roomId)?.organizationId != null,
      sentAt: record.sentAt,
    })),
  );
  if (recovered.length > 0) {
    // 疑似失联 members heard from again: their secretaries are told.
    await deps.outbox.enqueueDeliveries(await createRecoveryNotices(db, { recovered, timeZone: deps.config.APP_TIME_ZONE }));
    log.info({ members: recovered.map((member) => member.id) }, 'members back in touch');
  }
  log.debug({ messages: pending.length, replies: replies.length }, 'intake batch processed');
}

function parseMessage(commands: readonly Command[], message: IntakeBatch['messages'][number], botName?: string): ParsedMessage {
  const command = readCommand(commands, message, botName);
  return {
    parsed: command?.parsed ?? null,
    record: {
      id: message.id,
      contactId: message.contactId,
      roomId: message.roomId ?? null,
      sentAt: new Date(message.sentAt),
      command: command?.parsed.command.name ?? null,
      text: command && !command.parsed.command.storesNoText ? command.text.slice(0, storedTextLimit) : null,
    },
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
