import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { offsetAt } from '../../domain/shared/local-day.ts';
import { localDateTime } from '../../domain/shared/local-time.ts';
import type { Logger } from '../../log.ts';

export type CellValue = string | number | Date | null;

/**
 * What a column holds: text (written with the text format '@', so a phone number, an id card or
 * "=1+1" stays as typed when a secretary edits the cell), a count, an amount in yuan, hours, or an
 * instant shown on the local wall clock as a date and time or as a day.
 */
export type ColumnKind = 'text' | 'count' | 'amount' | 'hours' | 'datetime' | 'date';

export interface SheetColumn {
  header: string;
  kind?: ColumnKind;
}

/** Whose ledger a workbook is, and when it was taken: the title rows of each sheet say it. */
export interface LedgerHeading {
  organizationName: string;
  exportedAt: Date;
  timeZone: string;
}

/** A sheet of a ledger: rows go out as they are added, after the first few have set the column widths. */
export interface LedgerSheet {
  addRow(values: CellValue[]): void;
  /** A bold closing row (合计). */
  addTotal(values: CellValue[]): void;
  /** Writes what is still held and closes the sheet. */
  commit(): void;
}

export interface LedgerWorkbook {
  /** `title` is what the sheet holds (走访台账), `period` the time it covers (2026年, 全部记录). */
  addSheet(name: string, options: { title: string; period: string; columns: SheetColumn[] }): LedgerSheet;
}

/**
 * Writes a workbook straight into the HTTP response as it is built: rows are committed and
 * zipped as they come, so a 100,000-member export never sits in memory whole.
 */
export async function sendWorkbook(
  reply: FastifyReply,
  options: { fileName: string; log: Logger; heading: LedgerHeading; write: (workbook: LedgerWorkbook) => Promise<void> },
): Promise<void> {
  const body = new PassThrough();
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`)
    .header('cache-control', 'no-store')
    .send(body);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useSharedStrings: false, useStyles: true });
  try {
    await options.write({ addSheet: (name, sheet) => new StreamedLedgerSheet(workbook, name, { ...sheet, heading: options.heading }) });
    await workbook.commit();
  } catch (error) {
    options.log.error({ err: error }, 'console export failed');
    // The headers are gone already: a broken download is the only honest answer.
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Rows read before the column widths are fixed (they are written before the first row). */
const widthSampleRows = 500;
const minWidth = 6;
const maxWidth = 50;
/** Above the title, the export time and the header row: what stays in view and is printed on every page. */
const headerRow = 3;

const numberFormats: Record<ColumnKind, string> = {
  text: '@',
  count: '0',
  amount: '#,##0.00',
  hours: '0.0',
  datetime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
};
const fixedWidths: Partial<Record<ColumnKind, number>> = { datetime: 17, date: 11 };
const thin = { style: 'thin' } as const;

class StreamedLedgerSheet implements LedgerSheet {
  private readonly sheet: ExcelJS.Worksheet;
  private readonly kinds: ColumnKind[];
  /**
   * One style object per column, shared by all its cells: exceljs looks a style object up in a
   * WeakMap before serialising it, so a shared one costs nothing per cell (a new one each time
   * tripled the time of a 100,000-row sheet).
   */
  private readonly cellStyles: Partial<ExcelJS.Style>[] = [];
  private readonly totalStyles: Partial<ExcelJS.Style>[] = [];
  private held: { values: CellValue[]; total: boolean }[] | null = [];
  /** The zone's offset by UTC day, for the days on which it does not change (null: look up each instant). */
  private readonly offsets = new Map<number, number | null>();

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    private readonly options: { title: string; period: string; columns: SheetColumn[]; heading: LedgerHeading },
  ) {
    this.kinds = options.columns.map((column) => column.kind ?? 'text');
    this.sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages down as it takes
        printTitlesRow: `${headerRow}:${headerRow}`,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    });
  }

  addRow(values: CellValue[]): void {
    this.add(values, false);
  }

  addTotal(values: CellValue[]): void {
    this.add(values, true);
  }

  commit(): void {
    this.flush();
    this.sheet.commit();
  }

  private add(values: CellValue[], total: boolean): void {
    if (!this.held) return this.write(values, total);
    this.held.push({ values, total });
    if (this.held.length >= widthSampleRows) this.flush();
  }

  /** Fixes the widths from the header and the rows held so far, writes the heading, then those rows. */
  private flush(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    const { columns, heading, title, period } = this.options;
    const widths = columns.map((column, index) => {
      const kind = this.kinds[index]!;
      const widest = Math.max(textWidth(column.header), fixedWidths[kind] ?? 0, ...held.map((row) => valueWidth(row.values[index] ?? null, kind)));
      // Half a character more than two of padding: exceljs leaves out a width of exactly 9 (its default), which Excel reads as 8.43.
      return Math.min(maxWidth, Math.max(minWidth, widest + 2.5));
    });
    this.sheet.columns = widths.map((width, index) => ({ key: String(index), width }));
    columns.forEach((_, index) => {
      const wrap = widths[index] === maxWidth; // long notes wrap rather than run into the next column
      const style: Partial<ExcelJS.Style> = { numFmt: numberFormats[this.kinds[index]!], alignment: { vertical: 'top', wrapText: wrap } };
      this.cellStyles.push(style);
      this.totalStyles.push({ ...style, font: { bold: true }, border: { top: thin } });
    });

    const last = columns.length;
    const titleRow = this.sheet.addRow([`${heading.organizationName} · ${title} · ${period}`]);
    titleRow.getCell(1).style = { font: { bold: true, size: 14 } };
    titleRow.height = 24;
    const exportedRow = this.sheet.addRow([`导出时间：${localDateTime(heading.exportedAt, heading.timeZone)}`]);
    // Merged before they are committed: a streamed row cannot be reached afterwards.
    this.sheet.mergeCells(1, 1, 1, last);
    this.sheet.mergeCells(2, 1, 2, last);
    titleRow.commit();
    exportedRow.commit();
    const header = this.sheet.addRow(columns.map((column) => column.header));
    const headerStyle: Partial<ExcelJS.Style> = {
      font: { bold: true },
      alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
      border: { top: thin, bottom: thin, left: thin, right: thin },
    };
    header.eachCell((cell) => (cell.style = headerStyle));
    header.commit();
    for (const row of held) this.write(row.values, row.total);
  }

  private write(values: CellValue[], total: boolean): void {
    const styles = total ? this.totalStyles : this.cellStyles;
    const row = this.sheet.addRow(values.map((value, index) => (value instanceof Date ? this.excelDate(value, this.kinds[index]!) : value)));
    for (let index = 0; index < styles.length; index++) row.getCell(index + 1).style = styles[index]!;
    row.commit();
  }

  /**
   * Excel's dates have no time zone: a cell shows the Date's UTC fields. So the instant is moved by
   * the zone's offset to read as the local wall clock, and a day column drops the time of day.
   */
  private excelDate(at: Date, kind: ColumnKind): Date {
    const wall = at.getTime() + this.offsetAt(at.getTime());
    return new Date(kind === 'date' ? wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000) : wall);
  }

  /**
   * Looking the offset up through Intl costs as much as writing the row: it is looked up twice a
   * day (at its start and end), and only a day on which the zone changes its clocks asks per instant.
   */
  private offsetAt(instant: number): number {
    const { timeZone } = this.options.heading;
    const day = Math.floor(instant / 86_400_000);
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      const start = offsetAt(day * 86_400_000, timeZone);
      offset = start === offsetAt((day + 1) * 86_400_000 - 1, timeZone) ? start : null;
      this.offsets.set(day, offset);
    }
    return offset ?? offsetAt(instant, timeZone);
  }
}

/** Columns as Excel measures them: a Chinese character (or any wide one) takes two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += character.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

function valueWidth(value: CellValue, kind: ColumnKind): number {
  if (value === null || value instanceof Date) return 0; // dates have their fixed width
  if (typeof value === 'number') return kind === 'amount' ? value.toLocaleString('en', { minimumFractionDigits: 2 }).length : String(value).length;
  // A multi-line value is as wide as its longest line.
  return Math.max(...value.split('\n').map(textWidth));
}
