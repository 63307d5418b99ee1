import type { Db } from '../../db/client.ts';

/** 帮扶: help given in the member's open hardship case; `no-case` when none is open (nothing stored). */
export async function recordHelp(
  db: Db,
  options: { memberId: number; kind: string; amount: string | null; detail: string | null; recordedById: number; at: Date },
): Promise<{ outcome: 'recorded'; helps: number } | { outcome: 'no-case' }> {
  const open = await db.hardshipCase.findFirst({ where: { memberId: options.memberId, closedAt: null }, select: { id: true } });
  if (!open) return { outcome: 'no-case' };
  await db.hardshipHelp.create({
    data: { caseId: open.id, kind: options.kind, amount: options.amount, detail: options.detail, recordedById: options.recordedById, at: options.at },
  });
  return { outcome: 'recorded', helps: await db.hardshipHelp.count({ where: { caseId: open.id } }) };
}
