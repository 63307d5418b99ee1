import { silentScan } from '../../jobs/silent-scan.ts';
import type { ContactMock } from '../../src/simulator/mock-world.ts';
import type { Harness } from './harness.ts';
import { bindDirectly, seedBranch, type SeededMember } from './seed.ts';

export const day = 24 * 3600_000;

/** The silent scan's rules at their defaults, for a scan run at `now`. */
export function scanRules(now: Date) {
  return { now, silentAfterDays: 14, nudgeIntervalDays: 7, lostAfterNudges: 2, lostAfterDays: 30, timeZone: 'Asia/Shanghai' };
}

export interface CarePerson {
  row: SeededMember;
  contact: ContactMock;
}

export interface ScanResult {
  escalated: number;
  nudged: number;
  alerted: number;
  alertMessages: number;
  queued: number;
}

/** Runs the silent-member scan as the scheduler would for a run due at `runAt`, then lets the outbox send. */
export async function runSilentScan(h: Harness, runAt: Date): Promise<ScanResult> {
  const result = await silentScan.run(h.plugin.assistant!.jobContext, runAt);
  await h.settle();
  return result as ScanResult;
}

/**
 * A branch with a bound secretary and the given members (bound unless listed as unbound), each
 * last active `silentDays` ago (null: never active; negative: active throughout the test).
 */
export async function careBranch(
  h: Harness,
  members: { name: string; silentDays: number | null; unbound?: boolean; residence?: string; workplace?: string }[],
  now: Date,
) {
  const seeded = await seedBranch(h.db, [{ name: '书记', role: 'SECRETARY' }, ...members.map(({ name }) => ({ name }))]);
  const [secretaryRow, ...rows] = seeded.members as [SeededMember, ...SeededMember[]];
  const secretary = h.world.createContact('书记');
  await bindDirectly(h.db, secretary.id, secretaryRow.id);
  // The secretary stays active through the simulated weeks of a test (never silent, never nudged).
  await h.db.member.update({ where: { id: secretaryRow.id }, data: { lastActiveAt: new Date(now.getTime() + 100 * day) } });
  const people = new Map<string, CarePerson>();
  for (const [index, member] of members.entries()) {
    const row = rows[index]!;
    const contact = h.world.createContact(member.name);
    if (!member.unbound) await bindDirectly(h.db, contact.id, row.id);
    await h.db.member.update({
      where: { id: row.id },
      data: {
        lastActiveAt: member.silentDays === null ? null : new Date(now.getTime() - member.silentDays * day),
        residence: member.residence ?? null,
        workplace: member.workplace ?? null,
        // Put on the roster long ago, so that "never active" counts as long silent too.
        createdAt: new Date(now.getTime() - 100 * day),
      },
    });
    people.set(member.name, { row, contact });
  }
  return { ...seeded, secretary, secretaryRow, person: (name: string) => people.get(name)! };
}
