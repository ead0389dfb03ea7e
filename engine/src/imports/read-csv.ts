/**
 * A CSV file read as a stream: its encoding told or found (UTF-8, with or without a BOM, or GB18030 when its
 * bytes are not UTF-8: what Chinese Excel saves), its delimiter sniffed from the header line (`,` `;` tab `|`),
 * quoted cells as RFC 4180 says (csv-parser.ts).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { TesseraError } from '../errors.js';
import { CsvParser } from './csv-parser.js';
import { importMessage } from './import-messages.js';
import type { TextEncoding } from './import-types.js';
import type { TableRow, TableSource } from './table-source.js';

/** Bytes looked at to tell the encoding and find the header line. */
const PROBE_BYTES = 1 << 20;
const DELIMITERS = [',', ';', '\t', '|'] as const;

export async function csvTable(path: string, told?: TextEncoding, locale = 'en'): Promise<TableSource> {
  const probe = await readStart(path);
  const encoding = told ?? (isUtf8(probe) ? 'utf-8' : 'gb18030');
  const text = encoding === 'utf-8' ? probe.toString('utf8') : iconv.decode(probe, 'gb18030');
  const delimiter = sniffDelimiter(headerLine(text));
  const chunks = (): AsyncGenerator<TableRow[]> => readChunks(path, encoding, delimiter, locale);
  const first = chunks();
  const start = await first.next();
  await first.return(undefined);
  const header = start.done ? undefined : start.value[0];
  if (!header) return { header: [], chunks };
  return { header: header.cells.map((c) => c.trim()), chunks: () => skipHeader(chunks()) };
}

async function readStart(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PROBE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether the bytes are UTF-8; a character cut at the end of the probe does not count against it. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The first line outside quotes, without a BOM. */
function headerLine(text: string): string {
  let quoted = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) return text.slice(start, i);
  }
  return text.slice(start);
}

/** The candidate that occurs most often outside quotes in the header (a comma when none does). */
export function sniffDelimiter(line: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

async function* readChunks(
  path: string,
  encoding: TextEncoding,
  delimiter: string,
  locale: string,
): AsyncGenerator<TableRow[]> {
  const bytes = createReadStream(path, { highWaterMark: 1 << 16 });
  const text = (
    encoding === 'utf-8' ? bytes.setEncoding('utf8') : bytes.pipe(iconv.decodeStream('gb18030'))
  ) as AsyncIterable<string>;
  const parser = new CsvParser(delimiter);
  try {
    for await (const chunk of text) {
      const rows = parser.push(chunk);
      if (rows.length) yield rows;
    }
    const end = parser.end();
    if (end.unclosed) {
      const message = importMessage(locale, 'unclosedQuote', { line: parser.line });
      throw new TesseraError('invalid_import', message, [
        { pointer: `/${parser.line}`, code: 'bad_csv', message },
      ]);
    }
    if (end.rows.length) yield end.rows;
  } finally {
    bytes.destroy();
  }
}

async function* skipHeader(chunks: AsyncGenerator<TableRow[]>): AsyncGenerator<TableRow[]> {
  let first = true;
  for await (const rows of chunks) {
    const after = first ? rows.slice(1) : rows;
    first = false;
    if (after.length) yield after;
  }
}
