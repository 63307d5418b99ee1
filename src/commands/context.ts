import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { AttendanceBook } from '../domain/activities/attendance-book.ts';
import type { CheckInBook } from '../domain/check-in/check-in-book.ts';
import type { ChatGroupInfo } from '../domain/members/load-chat-groups.ts';
import type { SendingForecast } from '../domain/shared/sending-forecast.ts';
import type { Sender } from '../domain/shared/sender.ts';
import type { Logger } from '../log.ts';

/** Everything a command handler gets: one object per message (grammY-style). */
export interface CommandContext {
  message: {
    id: string;
    contactId: string;
    /** Null in a direct chat. */
    roomId: string | null;
    sentAt: Date;
  };
  /** A one-to-one chat with the bot (not a group chat). */
  isDirect: boolean;
  /** The text after the command's keyword. */
  args: string;
  sender: Sender;
  /** The group chat the message came from; null in a direct chat. */
  group: ChatGroupInfo | null;
  db: Db;
  /** The assistant's configuration: time zone (config.APP_TIME_ZONE), schedules, thresholds. */
  config: Config;
  /** Who already checked in; new check-ins are written once the batch is handled. */
  checkIns: CheckInBook;
  /** Activities whose check-in window is open; attendance is written once the batch is handled. */
  attendance: AttendanceBook;
  log: Logger;
  /** The command menu, for 帮助 and for unknown text in a direct chat. */
  menu(): string;
  /** Answers the sender: in a direct chat, or in the group addressed to them. */
  reply(text: string): void;
  /** Answers the sender in a direct chat, also for a message sent in a group (what the group must not read). */
  replyPrivately(text: string): void;
  /** Queues broadcast deliveries in the outbox, once the batch is written. */
  deliver(deliveryIds: number[]): void;
  /** When a broadcast's messages will really go out (the outbox's rules), by reason; null without the outbox's rules. */
  forecast(broadcastId: number): Promise<SendingForecast | null>;
  /** Schedules an opened activity's reminders, once the batch is written. */
  scheduleReminders(activity: { id: number; startsAt: Date }): void;
  /** Has the remark (备注) that finds a member again after a login written on these contacts, once the batch is written. */
  markContacts(contactIds: string[]): void;
}
