import type { Db } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { inChunks } from './in-chunks.ts';
import type { RosterRow } from './parse-roster.ts';

export interface ImportRosterResult {
  created: number;
  updated: number;
  unchanged: number;
  organizationsCreated: number;
}

type Tx = Prisma.TransactionClient;

/** Generous: a batch waits on row locks of members a chat command is changing. */
const transactionTimeoutMs = 5 * 60_000;

const memberSelect = {
  id: true,
  phone: true,
  name: true,
  organization: { select: { path: true } },
  role: true,
  residence: true,
  workplace: true,
} as const satisfies Prisma.MemberSelect;

type StoredMember = Prisma.MemberGetPayload<{ select: typeof memberSelect }>;

/** Rows written per transaction: a crash loses at most one batch, and importing again finishes the job. */
export const importBatchSize = 1000;

export interface ImportRosterProgress {
  done: number;
  total: number;
}

/**
 * Writes validated roster rows: creates the organisation tree along every path, then adds or
 * updates members keyed on phone, a batch of rows per transaction (a 50,000-row roster is never one
 * long transaction, and the event loop gets a turn between batches). Idempotent: after a crash the
 * same rows imported again finish the job, and importing them once more writes nothing. Members
 * missing from the rows are left alone, and so is a residence or workplace left blank. A member given
 * the role 书记 or 管理员 here gets it pending (rolePendingSince) until they bind with a one-time code.
 * Returns, besides the counts, the members whose organisation changed (to end pairings out of reach).
 */
export async function importRoster(
  db: Db,
  rows: RosterRow[],
  options: { now?: Date; onProgress?: (progress: ImportRosterProgress) => void } = {},
): Promise<ImportRosterResult & { movedMemberIds: number[] }> {
  const now = options.now ?? new Date();
  const organizations = await db.$transaction((tx) => ensureOrganizations(tx, rows.map((row) => row.organizationPath)), {
    timeout: transactionTimeoutMs,
    maxWait: 30_000,
  });
  const result = { created: 0, updated: 0, unchanged: 0, organizationsCreated: organizations.created, movedMemberIds: [] as number[] };
  for (let start = 0; start < rows.length; start += importBatchSize) {
    const batch = rows.slice(start, start + importBatchSize);
    const written = await db.$transaction((tx) => upsertMembers(tx, batch, organizations.idByPath, now), { timeout: transactionTimeoutMs, maxWait: 30_000 });
    result.created += written.created;
    result.updated += written.updated;
    result.unchanged += written.unchanged;
    result.movedMemberIds.push(...written.movedMemberIds);
    options.onProgress?.({ done: start + batch.length, total: rows.length });
  }
  return result;
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
  now: Date,
): Promise<Omit<ImportRosterResult, 'organizationsCreated'> & { movedMemberIds: number[] }> {
  const { toCreate, toUpdate, unchanged, storedByPhone } = await classifyRosterRows(tx, rows);
  if (toCreate.length > 0) await createMembers(tx, toCreate, organizationIdByPath, now);
  if (toUpdate.length > 0) await updateMembers(tx, toUpdate, organizationIdByPath, now);
  const movedMemberIds = toUpdate.flatMap((row) => {
    const stored = storedByPhone.get(row.phone)!;
    return stored.organization.path === row.organizationPath ? [] : [stored.id];
  });
  return { created: toCreate.length, updated: toUpdate.length, unchanged, movedMemberIds };
}

/**
 * One INSERT for the batch, from arrays (Prisma's createMany costs more CPU than the database does).
 * A 书记 or 管理员 added here is pending until they bind with a code.
 */
async function createMembers(tx: Tx, rows: RosterRow[], organizationIdByPath: Map<string, number>, now: Date): Promise<void> {
  const data = rows.map((row) => memberData(row, organizationIdByPath));
  await tx.$executeRaw`
    INSERT INTO "Member" (name, phone, "organizationId", role, residence, workplace, "rolePendingSince", "createdAt", "updatedAt")
    SELECT v.name, v.phone, v.organization_id, v.role::"Role", v.residence, v.workplace,
      CASE WHEN v.role = 'MEMBER' THEN NULL ELSE ${utc(now)} END, ${utc(now)}, ${utc(now)}
    FROM unnest(
      ${data.map((row) => row.phone)}::text[], ${data.map((row) => row.name)}::text[], ${data.map((row) => row.organizationId)}::int[],
      ${data.map((row) => row.role)}::text[], ${data.map((row) => row.residence ?? null)}::text[], ${data.map((row) => row.workplace ?? null)}::text[]
    ) AS v(phone, name, organization_id, role, residence, workplace)`;
}

/**
 * One UPDATE for the batch (a row per member would be 1,000 round trips). A role raised to 书记 or
 * 管理员 is pending until the member binds with a code; a role lowered to 党员 has nothing to confirm.
 */
async function updateMembers(tx: Tx, rows: RosterRow[], organizationIdByPath: Map<string, number>, now: Date): Promise<void> {
  const data = rows.map((row) => memberData(row, organizationIdByPath));
  await tx.$executeRaw`
    UPDATE "Member" m SET
      name = v.name, "organizationId" = v.organization_id,
      "rolePendingSince" = CASE WHEN v.role = 'MEMBER' THEN NULL WHEN v.role::"Role" = m.role THEN m."rolePendingSince" ELSE ${utc(now)} END,
      role = v.role::"Role",
      residence = COALESCE(v.residence, m.residence), workplace = COALESCE(v.workplace, m.workplace), "updatedAt" = ${utc(now)}
    FROM unnest(
      ${data.map((row) => row.phone)}::text[], ${data.map((row) => row.name)}::text[], ${data.map((row) => row.organizationId)}::int[],
      ${data.map((row) => row.role)}::text[], ${data.map((row) => row.residence ?? null)}::text[], ${data.map((row) => row.workplace ?? null)}::text[]
    ) AS v(phone, name, organization_id, role, residence, workplace)
    WHERE m.phone = v.phone`;
}

/** A preview names at most this many members of each list; the counts are whole. */
const previewNamesShown = 200;

export interface RosterImportPlan extends ImportRosterResult {
  /** Names the import would add, then names of members it would change (the first 200 of each). */
  added: string[];
  changed: string[];
}

/**
 * What importing the rows would do, without writing: new, updated and unchanged members (naming
 * those added or changed), and how many organisations would be created. The console shows it
 * before the confirm button.
 */
export async function planRosterImport(db: Db, rows: RosterRow[]): Promise<RosterImportPlan> {
  const { toCreate, toUpdate, unchanged } = await classifyRosterRows(db, rows);
  const paths = pathsByDepth(rows.map((row) => row.organizationPath)).flat();
  const existing = await db.organization.count({ where: { path: { in: paths } } });
  return {
    created: toCreate.length,
    updated: toUpdate.length,
    unchanged,
    organizationsCreated: paths.length - existing,
    added: toCreate.slice(0, previewNamesShown).map((row) => row.name),
    changed: toUpdate.slice(0, previewNamesShown).map((row) => row.name),
  };
}

/** Rows for new phones, rows that change a stored member, and how many change nothing. */
async function classifyRosterRows(
  db: Db | Tx,
  rows: RosterRow[],
): Promise<{ toCreate: RosterRow[]; toUpdate: RosterRow[]; unchanged: number; storedByPhone: Map<string, StoredMember> }> {
  const stored = await inChunks(rows.map((row) => row.phone), (phones) => db.member.findMany({ where: { phone: { in: phones } }, select: memberSelect }));
  const storedByPhone = new Map(stored.map((member) => [member.phone, member]));
  const toCreate: RosterRow[] = [];
  const toUpdate: RosterRow[] = [];
  for (const row of rows) {
    const current = storedByPhone.get(row.phone);
    if (!current) toCreate.push(row);
    else if (differs(current, row)) toUpdate.push(row);
  }
  return { toCreate, toUpdate, unchanged: rows.length - toCreate.length - toUpdate.length, storedByPhone };
}

/** An instant as Prisma stores DateTime: timestamp(3) without time zone, in UTC. */
function utc(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
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
