/** Reading exported files back in tests: CSV text and XLSX bytes as rows of cells. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const csvRows = (text: string | Buffer): string[][] =>
  parse(typeof text === 'string' ? text : text.toString('utf8'), { bom: true });

/** The first worksheet's rows; a cell's value as exceljs reads it (numbers as numbers), empty cells null. */
export async function xlsxRows(bytes: ArrayBuffer | Buffer): Promise<{ sheet: string; rows: unknown[][] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i] ?? null));
  });
  return { sheet: sheet?.name ?? '', rows };
}
