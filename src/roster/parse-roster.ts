import { CsvError, parse, type InfoRecord } from 'csv-parse/sync';
import { z } from 'zod';
import type { Role } from '../generated/prisma/enums.ts';
import { readOrganizationPath } from './organization-path.ts';

export interface RosterRow {
  /** Line in the file where the row starts (the header is line 1). */
  line: number;
  name: string;
  /** 11 digits, no prefix or separators. */
  phone: string;
  /** Trimmed segments joined by '/', e.g. 城北区/祁连路社区/流动党员支部. */
  organizationPath: string;
  role: Role;
  /** Absent when the cell is blank or the column is missing: the stored value is then kept. */
  residence?: string;
  workplace?: string;
}

export interface RosterError {
  line: number;
  reason: string;
}

export interface ParsedRoster {
  rows: RosterRow[];
  errors: RosterError[];
}

const columnTitles = {
  name: '姓名',
  phone: '手机号',
  organizationPath: '党组织',
  role: '角色',
  residence: '现居地',
  workplace: '工作',
} as const;

type Column = keyof typeof columnTitles;

const requiredColumns: readonly Column[] = ['name', 'phone', 'organizationPath', 'role'];

const rolesByTitle = new Map<string, Role>([
  ['党员', 'MEMBER'],
  ['书记', 'SECRETARY'],
  ['组织委员', 'SECRETARY'],
  ['管理员', 'ADMIN'],
]);

const maxNameLength = 20;

const rowSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, '姓名不能为空')
    // Code points, not UTF-16 units: rare characters in names lie outside the BMP.
    .refine((name) => [...name].length <= maxNameLength, { error: (issue) => `姓名「${String(issue.input)}」超过${maxNameLength}个字` }),
  phone: z
    .string()
    .trim()
    .min(1, '手机号不能为空')
    .transform((raw, ctx) => {
      const phone = normalizePhone(raw);
      if (phone) return phone;
      ctx.issues.push({ code: 'custom', input: raw, message: `手机号「${raw}」不是有效的11位手机号` });
      return z.NEVER;
    }),
  organizationPath: z
    .string()
    .trim()
    .min(1, '党组织不能为空')
    .transform((raw, ctx) => {
      const read = readOrganizationPath(raw);
      if ('path' in read) return read.path;
      ctx.issues.push({ code: 'custom', input: raw, message: read.problem });
      return z.NEVER;
    }),
  role: z
    .string()
    .trim()
    .min(1, '角色不能为空')
    .transform((raw, ctx) => {
      const role = rolesByTitle.get(raw);
      if (role) return role;
      ctx.issues.push({ code: 'custom', input: raw, message: `角色「${raw}」无效，应为 ${[...rolesByTitle.keys()].join('、')} 之一` });
      return z.NEVER;
    }),
  residence: optionalText(),
  workplace: optionalText(),
});

/**
 * Reads and validates a roster CSV (columns 姓名, 手机号, 党组织, 角色, optional 现居地, 工作).
 * Every problem is reported with its line, so the operator can fix the whole file in one go.
 */
export function parseRoster(csvText: string, maxRows = Infinity): ParsedRoster {
  let records: RosterLine[];
  try {
    records = readCsvLines(csvText);
  } catch (error) {
    if (error instanceof CsvError) return { rows: [], errors: [csvSyntaxError(error)] };
    throw error;
  }
  return parseRosterLines(records, maxRows);
}

/** The same checks on a table already split into cells (a CSV file, or a worksheet of an .xlsx file). */
export function parseRosterLines(records: RosterLine[], maxRows = Infinity): ParsedRoster {
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, reason: `文件是空的，第一行应为表头：${requiredTitles()}` }] };
  if (body.length > maxRows) {
    return { rows: [], errors: [{ line: 1, reason: `名册有 ${body.length} 行，超过一次上传的上限 ${maxRows} 行；请分成几份上传，或请管理员用命令行导入` }] };
  }
  const columns = readHeader(header);
  if (!columns.ok) return { rows: [], errors: columns.errors };

  const rows: RosterRow[] = [];
  const errors: RosterError[] = [];
  const lineByPhone = new Map<string, number>();
  for (const record of body) {
    const result = parseRow(record, columns.indexes, header.cells.length);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const firstLine = lineByPhone.get(result.row.phone);
    if (firstLine === undefined) {
      lineByPhone.set(result.row.phone, record.line);
      rows.push(result.row);
    } else {
      errors.push({ line: record.line, reason: `手机号「${result.row.phone}」与第${firstLine}行重复` });
    }
  }
  return { rows, errors };
}

/** 138-0000-1234, +86 138 0000 1234 and full-width digits all become 13800001234; null when not a mobile number. */
function normalizePhone(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/[\s\-–—()]/g, '');
  return /^(?:\+?86)?(1\d{10})$/.exec(compact)?.[1] ?? null;
}

/** One row of the table: its line (CSV) or row number (worksheet), and its cells as text. */
export interface RosterLine {
  line: number;
  cells: string[];
}

/** Non-blank records with the line each starts on (a quoted cell may span lines). */
function readCsvLines(csvText: string): RosterLine[] {
  // With `info: true` each record comes as { record, info }; the sync typings do not model that option.
  const records = parse(csvText, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
    record: string[];
    info: InfoRecord;
  }[];
  const lines: RosterLine[] = [];
  let previousEnd = 0;
  let previousEmptyLines = 0;
  for (const { record, info } of records) {
    // info.lines is where the record ends; skipped empty lines sit between it and the previous record.
    lines.push({ line: previousEnd + 1 + info.empty_lines - previousEmptyLines, cells: record });
    previousEnd = info.lines;
    previousEmptyLines = info.empty_lines;
  }
  // Spreadsheets export rows of bare commas (",,,,") below the data.
  return lines.filter(({ cells }) => cells.some((cell) => cell.trim()));
}

type HeaderResult = { ok: true; indexes: Map<Column, number> } | { ok: false; errors: RosterError[] };

function readHeader(header: RosterLine): HeaderResult {
  const titles = header.cells.map((cell) => cell.trim());
  const indexes = new Map<Column, number>();
  for (const [column, title] of Object.entries(columnTitles) as [Column, string][]) {
    const index = titles.indexOf(title);
    if (index >= 0) indexes.set(column, index);
  }
  const missing = requiredColumns.filter((column) => !indexes.has(column));
  if (missing.length === 0) return { ok: true, indexes };
  return {
    ok: false,
    errors: missing.map((column) => ({
      line: header.line,
      reason: `表头缺少「${columnTitles[column]}」列（需要：${requiredTitles()}）`,
    })),
  };
}

type RowResult = { ok: true; row: RosterRow } | { ok: false; errors: RosterError[] };

function parseRow(record: RosterLine, indexes: Map<Column, number>, headerLength: number): RowResult {
  const { line, cells } = record;
  const extra = cells.slice(headerLength).filter((cell) => cell.trim());
  if (extra.length > 0) {
    // Most likely an unquoted comma inside a cell, which would shift the columns after it.
    return { ok: false, errors: [{ line, reason: `这一行比表头多${extra.length}列；单元格里有逗号时请用英文双引号括起来` }] };
  }
  const fields = Object.fromEntries([...indexes].map(([column, index]) => [column, cells[index] ?? '']));
  const result = rowSchema.safeParse(fields);
  if (!result.success) return { ok: false, errors: result.error.issues.map((issue) => ({ line, reason: issue.message })) };
  const { residence, workplace, ...required } = result.data;
  return { ok: true, row: { line, ...required, ...(residence && { residence }), ...(workplace && { workplace }) } };
}

/** csv-parse stops at the first syntax error (such as an unclosed quote) and says on which line. */
function csvSyntaxError(error: CsvError): RosterError {
  const line = typeof error.lines === 'number' ? error.lines : 1;
  return { line, reason: `CSV 格式错误：${error.message}` };
}

function optionalText() {
  return z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined);
}

function requiredTitles(): string {
  return requiredColumns.map((column) => columnTitles[column]).join(',');
}
