import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Logger } from '../../log.ts';

export type CellValue = string | number | null;

/** A cell a spreadsheet would read as a formula (=, +, -, @): it must stay text. */
const formulaLike = /^[=+\-@]/;

/**
 * Writes a workbook straight into the HTTP response as it is built: rows are committed and
 * zipped as they come, so a 100,000-member export never sits in memory whole.
 */
export async function sendWorkbook(
  reply: FastifyReply,
  options: { fileName: string; log: Logger; write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void> },
): Promise<void> {
  const body = new PassThrough();
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`)
    .header('cache-control', 'no-store')
    .send(body);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useSharedStrings: false, useStyles: true });
  try {
    await options.write(workbook);
    await workbook.commit();
  } catch (error) {
    options.log.error({ err: error }, 'console export failed');
    // The headers are gone already: a broken download is the only honest answer.
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** A worksheet with a bold Chinese header row. */
export function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: string[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = headers.map((header) => ({ header, width: Math.max(10, header.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return sheet;
}

/**
 * Adds and commits one row. Every value is written as a typed value, never as a formula; a text
 * that starts like a formula (=HYPERLINK(…), +1, -1, @SUM) is also given the text format, so
 * Excel keeps it as text even when the cell is edited or the sheet saved as CSV and reopened.
 */
export function addRow(sheet: ExcelJS.Worksheet, values: CellValue[]): void {
  const row = sheet.addRow(values);
  values.forEach((value, index) => {
    if (typeof value === 'string' && formulaLike.test(value)) row.getCell(index + 1).numFmt = '@';
  });
  row.commit();
}
