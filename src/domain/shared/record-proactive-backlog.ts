import type { Prisma } from '../../generated/prisma/client.ts';
import type { BudgetOutcomeRow } from './proactive-budget.ts';

/**
 * A scheduled job's latest count of members it found due and left for lack of capacity, by
 * organisation (the digest and the 发送 page show it), from its budgeted statement's result; replaces
 * the job's previous count. Returns how many messages the statement wrote and how many members it left.
 */
export async function recordProactiveBacklog(
  tx: Prisma.TransactionClient,
  options: { job: string; at: Date; outcome: BudgetOutcomeRow[] },
): Promise<{ written: number; leftOver: number }> {
  const { job, at, outcome } = options;
  const left = outcome.flatMap((row) => (row.org_id === null ? [] : [{ organizationId: row.org_id, waiting: row.n }]));
  await tx.proactiveBacklog.deleteMany({ where: { job } });
  await tx.proactiveBacklog.createMany({ data: left.map((row) => ({ job, ...row, countedAt: at })) });
  return { written: outcome.find((row) => row.org_id === null)?.n ?? 0, leftOver: left.reduce((sum, row) => sum + row.waiting, 0) };
}
