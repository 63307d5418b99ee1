import type { Db } from '../db/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { RosterRow } from './parse-roster.ts';

export interface ImportRosterResult {
  created: number;
  updated: number;
  unchanged: number;
  organizationsCreated: number;
}

type Tx = Prisma.TransactionClient;

/** Generous: a few thousand rows with many changed members means as many UPDATEs. */
const transactionTimeoutMs = 5 * 60_000;

const memberSelect = {
  phone: true,
  name: true,
  organization: { select: { path: true } },
  role: true,
  residence: true,
  workplace: true,
} as const satisfies Prisma.MemberSelect;

type StoredMember = Prisma.MemberGetPayload<{ select: typeof memberSelect }>;

/**
 * Writes validated roster rows: creates the organisation tree along every path, then adds or
 * updates members keyed on phone. All or nothing; importing the same rows again writes nothing.
 * Members missing from the rows are left alone, and so is a residence or workplace left blank.
 */
export async function importRoster(db: Db, rows: RosterRow[]): Promise<ImportRosterResult> {
  return db.$transaction(
    async (tx) => {
      const organizations = await ensureOrganizations(tx, rows.map((row) => row.organizationPath));
      const members = await upsertMembers(tx, rows, organizations.idByPath);
      return { ...members, organizationsCreated: organizations.created };
    },
    { timeout: transactionTimeoutMs, maxWait: 30_000 },
  );
}

/** Creates every missing organisation along the paths, parents first, and returns the id of each path. */
async function ensureOrganizations(tx: Tx, paths: string[]): Promise<{ idByPath: Map<string, number>; created: number }> {
  const idByPath = new Map<string, number>();
  let created = 0;
  for (const level of pathsByDepth(paths)) {
    const data = level.map((path) => ({ path, name: lastSegment(path), parentId: parentIdOf(path, idByPath) }));
    // skipDuplicates: ON CONFLICT DO NOTHING, so existing organisations (or ones another import just made) stay as they are.
    created += (await tx.organization.createMany({ data, skipDuplicates: true })).count;
    const stored = await tx.organization.findMany({ where: { path: { in: level } }, select: { id: true, path: true } });
    for (const { id, path } of stored) idByPath.set(path, id);
  }
  return { idByPath, created };
}

/** Each path and all its ancestors, grouped by depth: [[城北区], [城北区/祁连路社区, …], …]. */
function pathsByDepth(paths: string[]): string[][] {
  const levels: Set<string>[] = [];
  for (const path of new Set(paths)) {
    const segments = path.split('/');
    segments.forEach((_, index) => {
      (levels[index] ??= new Set()).add(segments.slice(0, index + 1).join('/'));
    });
  }
  return levels.map((level) => [...level]);
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parentIdOf(path: string, idByPath: Map<string, number>): number | null {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? null : (idByPath.get(path.slice(0, slash)) ?? null);
}

async function upsertMembers(
  tx: Tx,
  rows: RosterRow[],
  organizationIdByPath: Map<string, number>,
): Promise<Omit<ImportRosterResult, 'organizationsCreated'>> {
  const { toCreate, toUpdate, unchanged } = await classifyRosterRows(tx, rows);
  await tx.member.createMany({ data: toCreate.map((row) => memberData(row, organizationIdByPath)) });
  for (const row of toUpdate) {
    const { phone, ...data } = memberData(row, organizationIdByPath);
    await tx.member.update({ where: { phone }, data });
  }
  return { created: toCreate.length, updated: toUpdate.length, unchanged };
}

/**
 * What importing the rows would do, without writing: new, updated and unchanged members, and
 * how many organisations would be created. The console shows it before the confirm button.
 */
export async function planRosterImport(db: Db, rows: RosterRow[]): Promise<ImportRosterResult> {
  const { toCreate, toUpdate, unchanged } = await classifyRosterRows(db, rows);
  const paths = pathsByDepth(rows.map((row) => row.organizationPath)).flat();
  const existing = await db.organization.count({ where: { path: { in: paths } } });
  return { created: toCreate.length, updated: toUpdate.length, unchanged, organizationsCreated: paths.length - existing };
}

/** Rows for new phones, rows that change a stored member, and how many change nothing. */
async function classifyRosterRows(
  db: Db | Tx,
  rows: RosterRow[],
): Promise<{ toCreate: RosterRow[]; toUpdate: RosterRow[]; unchanged: number }> {
  const stored = await db.member.findMany({ where: { phone: { in: rows.map((row) => row.phone) } }, select: memberSelect });
  const storedByPhone = new Map(stored.map((member) => [member.phone, member]));
  const toCreate: RosterRow[] = [];
  const toUpdate: RosterRow[] = [];
  for (const row of rows) {
    const current = storedByPhone.get(row.phone);
    if (!current) toCreate.push(row);
    else if (differs(current, row)) toUpdate.push(row);
  }
  return { toCreate, toUpdate, unchanged: rows.length - toCreate.length - toUpdate.length };
}

function memberData(row: RosterRow, organizationIdByPath: Map<string, number>): Prisma.MemberCreateManyInput {
  const organizationId = organizationIdByPath.get(row.organizationPath);
  if (organizationId === undefined) throw new Error(`Organisation ${row.organizationPath} was not created`);
  const { name, phone, role, residence, workplace } = row;
  return { name, phone, organizationId, role, residence, workplace };
}

/** Blank residence/workplace (undefined) means "keep what is stored", so it never counts as a change. */
function differs(current: StoredMember, row: RosterRow): boolean {
  return (
    current.name !== row.name ||
    current.organization.path !== row.organizationPath ||
    current.role !== row.role ||
    (row.residence !== undefined && current.residence !== row.residence) ||
    (row.workplace !== undefined && current.workplace !== row.workplace)
  );
}
