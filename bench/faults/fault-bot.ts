/**
 * The bot under attack in `npm run faults`, in a process of its own so that it can be killed:
 * the real assistant on Wechaty with wechaty-puppet-mock, configured from the environment. The
 * mock WeChat world (contacts, rooms) is read from FAULT_WORLD_FILE; every message the bot sends
 * is appended to FAULT_SENT_FILE before anything else happens, as WeChat's servers would have it.
 * The fault script talks to it over IPC (see BotRequest). FAULT_CLOCK_OFFSET_MS moves its clock ahead.
 * It watches its own event loop's delay (perf_hooks), which the script reads with 'loop-delay'.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WechatyBuilder } from 'wechaty';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { EngagementAssistant } from '../../src/plugin.ts';
import { MockWorld, type ContactMock, type RoomMock } from '../../src/simulator/mock-world.ts';

export interface WorldSpec {
  contacts: { id: string; name: string }[];
  rooms: { id: string; topic: string; memberIds: string[] }[];
}

export interface IncomingMessage {
  from: string;
  /** A room id for a group message; absent for a direct chat with the bot. */
  room?: string;
  text: string;
  id?: string;
  timestamp?: number;
}

/** The bot's event-loop delay since the last reset, in milliseconds. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export type BotRequest =
  | { type: 'deliver'; messages: IncomingMessage[] }
  | { type: 'idle' }
  | { type: 'stop' }
  /** The loop delay since the last reset; `reset` starts counting again. */
  | { type: 'loop-delay'; reset: boolean };
export type BotReport = { type: 'ready' } | { type: 'delivered'; count: number } | { type: 'idle' } | ({ type: 'loop-delay' } & LoopDelay);

/** One line of FAULT_SENT_FILE. */
export interface SentRecord {
  at: number;
  to: string;
  text: string;
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const world = new MockWorld();
const spec = JSON.parse(readFileSync(process.env.FAULT_WORLD_FILE!, 'utf8')) as WorldSpec;
const contacts = new Map<string, ContactMock>(spec.contacts.map((contact) => [contact.id, world.createContact(contact.name, contact.id)]));
const rooms = new Map<string, RoomMock>(
  spec.rooms.map((room) => [room.id, world.createRoom(room.topic, room.memberIds.map((id) => contacts.get(id)!), room.id)]),
);
const sentFile = process.env.FAULT_SENT_FILE!;
world.onBotMessage(({ conversationId, text }) => {
  const record: SentRecord = { at: Date.now(), to: conversationId, text };
  appendFileSync(sentFile, `${JSON.stringify(record)}\n`);
});

const config = loadConfig();
// FAULT_CLOCK_OFFSET_MS: the bot lives that many ms ahead (a later day), e.g. past the account cap's roll-over.
const clockOffsetMs = Number(process.env.FAULT_CLOCK_OFFSET_MS ?? 0);
const plugin = EngagementAssistant({ config, log: createLogger(config.LOG_LEVEL), now: () => new Date(Date.now() + clockOffsetMs) });
const bot = WechatyBuilder.build({ name: `faults-${process.pid}`, puppet: world.puppet });
bot.use(plugin);
await bot.start();
world.login();
const assistant = plugin.assistant!;
try {
  await assistant.ready;
} catch (error) {
  console.error(`fault bot could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
report({ type: 'ready' });

process.on('message', (request: BotRequest) => void answer(request));

async function answer(request: BotRequest): Promise<void> {
  if (request.type === 'deliver') {
    for (const message of request.messages) {
      world.deliver({
        from: contacts.get(message.from)!,
        ...(message.room ? { room: rooms.get(message.room)! } : {}),
        text: message.text,
        ...(message.id ? { id: message.id } : {}),
        ...(message.timestamp ? { timestamp: message.timestamp } : {}),
      });
    }
    report({ type: 'delivered', count: request.messages.length });
  } else if (request.type === 'loop-delay') {
    const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e5) / 10;
    report({ type: 'loop-delay', p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) });
    if (request.reset) loopDelay.reset();
  } else if (request.type === 'idle') {
    await assistant.idle();
    report({ type: 'idle' });
  } else {
    await assistant.stop();
    await bot.stop();
    process.exit(0);
  }
}

function report(message: BotReport): void {
  process.send!(message);
}
