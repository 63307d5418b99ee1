import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { ProactiveBudget } from '../domain/shared/proactive-budget.ts';
import { capOnDay, officialAccountDailyLimit } from './account-limits.ts';

/**
 * What each bot account can still send before a daily job's next run: one day's capacity — a
 * personal account's ACCOUNT_DAILY_CAP as its warm-up has it today, the official account's template
 * quota — less every delivery already waiting for it (QUEUED: broadcasts secretaries confirmed,
 * reminders, what earlier runs wrote). A job asks this before it writes, and writes at most that many.
 */
export async function proactiveBudgets(
  db: Db,
  options: { now: Date; config: Pick<Config, 'BOT_NAME' | 'ACCOUNT_DAILY_CAP' | 'WARMUP_HOURS'> },
): Promise<ProactiveBudget> {
  const { now, config } = options;
  const ownAccount = config.BOT_NAME;
  const dailyCap = config.ACCOUNT_DAILY_CAP;
  const warmupMs = config.WARMUP_HOURS * 3_600_000;
  const [accounts, waiting] = await Promise.all([
    db.botAccount.findMany({ select: { name: true, firstLoginAt: true, officialAccount: true } }),
    // Through the (status, capped) index: only what waits is read, however long the history.
    db.$queryRaw<{ account: string; waiting: bigint }[]>`
      SELECT COALESCE(w.account, g.account, ${ownAccount}) AS account, count(*) AS waiting
      FROM "Delivery" d
      LEFT JOIN "WechatContact" w ON w.id = d."conversationId"
      LEFT JOIN "ChatGroup" g ON g.id = d."conversationId"
      WHERE d.status = 'QUEUED'
      GROUP BY 1`,
  ]);
  const waitingFor = new Map(waiting.map((row) => [row.account, Number(row.waiting)]));
  const capacity = new Map<string, number>([[ownAccount, dailyCap]]);
  for (const account of accounts) {
    capacity.set(
      account.name,
      account.officialAccount ? officialAccountDailyLimit : capOnDay({ dailyCap, warmupMs, firstLoginAt: account.firstLoginAt, at: now }),
    );
  }
  const names = [...capacity.keys()];
  return {
    ownAccount,
    accounts: names,
    budgets: names.map((name) => Math.max(0, capacity.get(name)! - (waitingFor.get(name) ?? 0))),
    otherwise: dailyCap,
  };
}
