import ExcelJS from 'exceljs';
import { parseRoster, parseRosterLines, type ParsedRoster, type RosterLine } from './parse-roster.ts';

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
export async function readRosterFile(bytes: Uint8Array): Promise<ParsedRoster> {
  if (isXlsx(bytes)) return readRosterWorkbook(bytes);
  return parseRoster(decodeCsvBytes(bytes));
}

export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function readRosterWorkbook(bytes: Uint8Array): Promise<ParsedRoster> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ line: 1, reason: '无法读取这个 Excel 文件（需要 .xlsx 格式）' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], errors: [{ line: 1, reason: 'Excel 文件里没有工作表' }] };
  const lines: RosterLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    if (cells.some((cell) => cell.trim())) lines.push({ line: rowNumber, cells });
  });
  return parseRosterLines(lines);
}

/** A cell as the secretary sees it: phone numbers typed as numbers become their digits, not 1.38e10. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : cell.text;
  if (typeof value === 'string') return value;
  return cell.text;
}
