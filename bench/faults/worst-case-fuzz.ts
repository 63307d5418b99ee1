/**
 * The worst-case part of `npm run faults -- fuzz` (issue 17): 100,000-character texts built against
 * patterns and normalisers (fuzz-messages.ts, worstCaseTexts) from strangers and members, in the group
 * and in direct chats, handed to the bot in small bursts while members check in. Measured: the bot's
 * event-loop delay (perf_hooks.monitorEventLoopDelay, in the bot's process) and how long each
 * member's 签到 takes from the hand-over to its CheckIn row; beside them the loop's delay over a few
 * seconds with nothing to do, which is what a busy machine costs whatever the messages.
 */
import type { Db } from '../../src/db/client.ts';
import type { BotProcess } from './bot-process.ts';
import type { IncomingMessage, LoopDelay } from './fault-bot.ts';
import { worstCaseLength, worstCaseTexts } from './fuzz-messages.ts';

/** Goals: the loop's p99 and max delay, and a member's check-in from hand-over to its row. */
export const worstCaseGoals = { p99Ms: 50, maxMs: 200, checkInMs: 2_000 };
const rounds = 5;
/** Messages handed over at a time, and the pause between hand-overs (one member's 签到 goes with each). */
const burst = 8;
const tickMs = 100;
const quietMs = 5_000;

export interface WorstCaseSenders {
  /** Contacts in the linked group. */
  groupStrangers: string[];
  directStrangers: string[];
  groupMembers: string[];
  directMembers: string[];
  roomId: string;
  /** Members who have not checked in today, one per 签到 timed. */
  probes: string[];
}

export async function worstCaseFuzz(db: Db, bot: BotProcess, senders: WorstCaseSenders): Promise<{ ok: boolean; lines: string[]; delay: LoopDelay }> {
  await bot.loopDelay(true);
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  const quiet = await bot.loopDelay();

  const texts = worstCaseTexts();
  const messages: IncomingMessage[] = [];
  for (let round = 0; round < rounds; round++) {
    texts.forEach((text, i) => {
      const at = round * texts.length + i;
      const pickFrom = (list: string[]) => list[at % list.length]!;
      messages.push(
        { from: pickFrom(senders.groupStrangers), room: senders.roomId, text },
        { from: pickFrom(senders.directStrangers), text },
        { from: pickFrom(senders.groupMembers), room: senders.roomId, text },
        { from: pickFrom(senders.directMembers), text },
      );
    });
  }
  const probeMembers = new Map(
    (await db.wechatContact.findMany({ where: { id: { in: senders.probes } }, select: { id: true, memberId: true } })).map((row) => [row.memberId!, row.id]),
  );
  const handedOver = new Map<number, number>();
  const landed = new Map<number, number>();
  let sending = true;
  const watching = watchCheckIns(db, handedOver, landed, () => sending);

  await bot.loopDelay(true);
  const probes = [...probeMembers];
  for (let start = 0, tick = 0; start < messages.length; start += burst, tick++) {
    const probe = probes[tick % probes.length];
    const timed = probe && !handedOver.has(probe[0]) ? [probe] : [];
    for (const [memberId] of timed) handedOver.set(memberId, Date.now());
    await bot.deliver([...timed.map(([, contactId]) => ({ from: contactId, text: '签到' })), ...messages.slice(start, start + burst)]);
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await bot.idle(600_000);
  sending = false;
  await watching;
  const delay = await bot.loopDelay();

  const latencies = [...handedOver].map(([memberId, at]) => (landed.get(memberId) ?? Number.POSITIVE_INFINITY) - at).sort((a, b) => a - b);
  const lost = latencies.filter((ms) => !Number.isFinite(ms)).length;
  const slowest = latencies.at(-1) ?? 0;
  const ok = delay.p99 < worstCaseGoals.p99Ms && delay.max < worstCaseGoals.maxMs && lost === 0 && slowest <= worstCaseGoals.checkInMs;
  const percentile = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))];
  const lines = [
    `worst cases: ${messages.length} texts of ${worstCaseLength.toLocaleString('en')} characters (${texts.length} kinds × ${rounds}: runs of 。, spaces, ` +
      `全角, ！, mixed punctuation, zero-width… alone, after 签到 and before a last x), from strangers and members, in the group and direct, ` +
      `${burst} every ${tickMs} ms`,
    `event-loop delay in the bot meanwhile: p50 ${delay.p50} ms, p99 ${delay.p99} ms, max ${delay.max} ms ` +
      `(goal p99 < ${worstCaseGoals.p99Ms} ms, max < ${worstCaseGoals.maxMs} ms; sampled every 10 ms, so an idle loop reads 10 ms); ` +
      `with nothing to do for ${quietMs / 1000} s just before: p50 ${quiet.p50} ms, p99 ${quiet.p99} ms, max ${quiet.max} ms (the machine's share)`,
    `members' 签到 meanwhile: ${latencies.length - lost} of ${latencies.length} landed; from hand-over to the CheckIn row ` +
      `median ${percentile(0.5)} ms, p95 ${percentile(0.95)} ms, slowest ${slowest} ms (goal ≤ ${worstCaseGoals.checkInMs} ms)`,
  ];
  return { ok, lines, delay };
}

/** Notes when each handed-over member's CheckIn row appears (polled every 50 ms), until sending is over and all are in. */
async function watchCheckIns(db: Db, handedOver: Map<number, number>, landed: Map<number, number>, sending: () => boolean): Promise<void> {
  const deadline = () => Date.now() > 120_000 + Math.max(0, ...handedOver.values());
  for (;;) {
    const waiting = [...handedOver.keys()].filter((memberId) => !landed.has(memberId));
    if (waiting.length > 0) {
      const rows = await db.checkIn.findMany({ where: { memberId: { in: waiting } }, select: { memberId: true } });
      const now = Date.now();
      for (const row of rows) landed.set(row.memberId, now);
    }
    if (!sending() && (landed.size === handedOver.size || deadline())) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
