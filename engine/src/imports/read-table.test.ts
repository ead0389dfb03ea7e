import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportFile } from './import-types.js';
import { sniffDelimiter } from './read-csv.js';
import { openTable, type TableRow } from './table-source.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-read-'));
let n = 0;
function file(bytes: string | Buffer, format: ImportFile['format'] = 'csv'): ImportFile {
  const path = join(dir, `f${n++}.${format}`);
  writeFileSync(path, bytes);
  return { path, fileName: `f.${format}`, format };
}

async function all(f: ImportFile, encoding?: 'utf-8' | 'gb18030') {
  const table = await openTable(f, encoding);
  const rows: TableRow[] = [];
  for await (const chunk of table.chunks()) rows.push(...chunk);
  return { header: table.header, rows };
}

describe('reading an import file', () => {
  it('sniffs the delimiter from the header line, ignoring quoted ones', () => {
    expect(sniffDelimiter('a,b,c')).toBe(',');
    expect(sniffDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(sniffDelimiter('a\tb')).toBe('\t');
    expect(sniffDelimiter('a|b|c')).toBe('|');
    expect(sniffDelimiter('single')).toBe(',');
  });

  it('reads quoted cells across lines and tells the line each row ends on', async () => {
    const { header, rows } = await all(
      file('name;note\r\nAcme;"two\nlines; and ""quotes"""\r\n\r\nBeta;x\r\n'),
    );
    expect(header).toEqual(['name', 'note']);
    expect(rows).toEqual([
      { line: 3, cells: ['Acme', 'two\nlines; and "quotes"'] },
      { line: 5, cells: ['Beta', 'x'] },
    ]);
  });

  it('reads UTF-8 with a BOM, and GB18030 when the bytes are not UTF-8 or when told', async () => {
    const text = '名称,城市\n华东公司,上海\n';
    const expected = { header: ['名称', '城市'], rows: [{ line: 2, cells: ['华东公司', '上海'] }] };
    expect(await all(file(`\ufeff${text}`))).toEqual(expected);
    expect(await all(file(iconv.encode(text, 'gb18030')))).toEqual(expected);
    expect(await all(file(iconv.encode(text, 'gb18030')), 'gb18030')).toEqual(expected);
  });

  it('refuses a file with no header and a CSV with an unclosed quote, naming the line', async () => {
    await expect(openTable(file(''))).rejects.toMatchObject({ code: 'invalid_import' });
    await expect(all(file('a,b\n1,2\n3,"open\n'))).rejects.toMatchObject({
      code: 'invalid_import',
      issues: [{ code: 'bad_csv' }],
    });
  });

  it('reads the first sheet of an XLSX as the same text a CSV would hold', async () => {
    const path = join(dir, 'book.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const sheet = book.addWorksheet('Accounts');
    sheet.addRow(['name', 'amount', 'since', 'active', 'note']).commit();
    sheet.addRow(['Acme', 1234.5, new Date(Date.UTC(2024, 2, 5)), true, 'x']).commit();
    sheet.addRow(['Beta', 0.0000001, new Date(Date.UTC(2024, 2, 5, 9, 30)), false]).commit();
    book.addWorksheet('Other').addRow(['ignored']).commit();
    await book.commit();
    const { header, rows } = await all({ path, fileName: 'book.xlsx', format: 'xlsx' });
    expect(header).toEqual(['name', 'amount', 'since', 'active', 'note']);
    expect(rows).toEqual([
      { line: 2, cells: ['Acme', '1234.5', '2024-03-05', 'true', 'x'] },
      { line: 3, cells: ['Beta', '0.0000001', '2024-03-05T09:30:00Z', 'false', ''] },
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(openTable(file('not a zip', 'xlsx'))).rejects.toMatchObject({ code: 'invalid_import' });
  });
});
