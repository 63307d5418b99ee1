import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Logger } from '../../log.ts';

export type CellValue = string | number | null;

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
  // No styles: they triple the time of a 100,000-row sheet, and nothing here needs them.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useSharedStrings: false, useStyles: false });
  try {
    await options.write(workbook);
    await workbook.commit();
  } catch (error) {
    options.log.error({ err: error }, 'console export failed');
    // The headers are gone already: a broken download is the only honest answer.
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

/** A worksheet with its Chinese header row. */
export function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: string[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = headers.map((header) => ({ header, width: Math.max(10, header.length * 2 + 4) }));
  sheet.getRow(1).commit();
  return sheet;
}

/**
 * Adds and commits one row. Every value is written as a typed value — text as an inline string
 * cell — never as a formula: a name or whereabouts such as =HYPERLINK(…), +1, -1 or @SUM stays
 * text when the file is opened (exceljs writes a formula only for a { formula } value).
 */
export function addRow(sheet: ExcelJS.Worksheet, values: CellValue[]): void {
  sheet.addRow(values).commit();
}
