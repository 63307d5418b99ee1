import ExcelJS from 'exceljs';
import { parseRoster, parseRosterLines, type ParsedRoster, type RosterLine } from './parse-roster.ts';
import { cliRosterLimits, type RosterLimits } from './roster-limits.ts';
import { zipUncompressedSize } from './zip-uncompressed-size.ts';

const mb = 1024 * 1024;

/** .xlsx files are zip archives: they start with "PK\\x03\\x04". */
function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads a roster file as uploaded or given to the CLI: an .xlsx workbook (its first worksheet),
 * or a CSV file in UTF-8 (with or without a BOM) or GBK/GB18030, which is what Excel's plain
 * "CSV" saves on Chinese Windows. The encoding is detected from the bytes, so a GBK file is
 * never read as mojibake: bytes that are not valid UTF-8 are GB18030 (a superset of GBK).
 */
export async function readRosterFile(bytes: Uint8Array, limits: SizeLimits = cliRosterLimits): Promise<ParsedRoster> {
  const tooLarge = sizeRefusal(bytes, limits);
  if (tooLarge) return refused(tooLarge);
  if (!isXlsx(bytes)) return parseRoster(decodeCsvBytes(bytes), limits.maxRows);
  return readRosterWorkbook(bytes, limits.maxRows);
}

type SizeLimits = Omit<RosterLimits, 'timeoutMs' | 'maxHeapMb'>;

/**
 * Why the file is refused by its size alone — as sent, or as an .xlsx declares it unpacks — or null.
 * Costs a look at the zip's central directory, nothing more: cheap enough to ask before starting a worker.
 */
export function sizeRefusal(bytes: Uint8Array, limits: SizeLimits): string | null {
  if (bytes.length > limits.maxBytes) return `文件超过 ${Math.round(limits.maxBytes / mb)} MB`;
  if (!isXlsx(bytes)) return null;
  const unpacked = zipUncompressedSize(bytes);
  if (unpacked === null) return '无法读取这个 Excel 文件（需要 .xlsx 格式）';
  if (unpacked <= limits.maxUncompressedBytes) return null;
  return `Excel 文件解压后有 ${Math.round(unpacked / mb)} MB，超过上限 ${Math.round(limits.maxUncompressedBytes / mb)} MB；请删去多余的工作表、格式和空行，或另存为 CSV`;
}

function refused(reason: string): ParsedRoster {
  return { rows: [], errors: [{ line: 1, reason }] };
}

export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function readRosterWorkbook(bytes: Uint8Array, maxRows: number): Promise<ParsedRoster> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return refused('无法读取这个 Excel 文件（需要 .xlsx 格式）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return refused('Excel 文件里没有工作表');
  const lines: RosterLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    if (cells.some((cell) => cell.trim())) lines.push({ line: rowNumber, cells });
  });
  return parseRosterLines(lines, maxRows);
}

/** A cell as the secretary sees it: phone numbers typed as numbers become their digits, not 1.38e10. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : cell.text;
  if (typeof value === 'string') return value;
  return cell.text;
}
