import { Prisma } from '../../generated/prisma/client.ts';

/**
 * How many proactive messages a scheduled job may still write for each bot account (the delivery
 * side works it out: the account's daily cap or template quota, less what already waits).
 */
export interface ProactiveBudget {
  /** The account a contact with no account recorded is reached through (a single-account deployment). */
  ownAccount: string;
  accounts: string[];
  budgets: number[];
  /** For an account not listed. */
  otherwise: number;
}

/**
 * The candidates of a job with, for each, whether it fits in its account's budget (`chosen`). The order
 * is the documented one: within each account, organisations take turns — each organisation's most
 * overdue first, then each one's second, … — and inside a turn the most overdue first (`order`, on
 * the candidates' own columns). So a big branch cannot take a small one's turn, and what is left over
 * comes first in the next run, which sees it in the same order.
 *
 * `candidates` returns at least id, org_id and account (null: `ownAccount`), and the columns `order` names.
 * Two sorts of the candidates (window functions), whatever their number: no statement per member.
 */
export function withinBudgetSql(candidates: Prisma.Sql, order: Prisma.Sql, budget: ProactiveBudget): Prisma.Sql {
  return Prisma.sql`
    SELECT r.*, r.account_turn <= COALESCE(b.budget, ${budget.otherwise}) AS chosen
    FROM (
      SELECT t.*, row_number() OVER (PARTITION BY t.budget_account ORDER BY t.org_turn, ${order}, t.id) AS account_turn
      FROM (
        SELECT c.*, row_number() OVER (PARTITION BY c.budget_account, c.org_id ORDER BY ${order}, c.id) AS org_turn
        FROM (SELECT k.*, COALESCE(k.account, ${budget.ownAccount}) AS budget_account FROM (${candidates}) k) c
      ) t
    ) r
    LEFT JOIN unnest(${budget.accounts}::text[], ${budget.budgets}::int[]) AS b(account, budget) ON b.account = r.budget_account`;
}

/** One row of a budgeted statement's result (budgetOutcomeSql): org_id null for the messages written. */
export interface BudgetOutcomeRow {
  org_id: number | null;
  n: number;
}

/**
 * The end of a budgeted statement whose CTEs are `candidates` (withinBudgetSql) and `inserted` (the
 * deliveries written, RETURNING 1): how many were written, then by organisation how many were left.
 */
export const budgetOutcomeSql = Prisma.sql`
  SELECT NULL::int AS org_id, count(*)::int AS n FROM inserted
  UNION ALL
  SELECT org_id, count(*)::int FROM candidates WHERE NOT chosen GROUP BY org_id`;
