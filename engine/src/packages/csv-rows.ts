/**
 * A CSV text read record by record, in batches, without ever holding its rows all at once: the parser takes
 * the text a slice at a time, and a record it cannot read (a wrong number of cells, an unclosed quote) is
 * reported and skipped, so one bad line never hides the problems of the lines after it.
 */
import { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

/** Characters handed to the parser at a time; each slice ends at a line break. */
const SLICE = 1 << 16;

export interface CsvRecord {
  cells: string[];
  /** The line the record ends on (a quoted cell may span lines). */
  line: number;
}

const OPTIONS = { bom: true, skip_empty_lines: true } as const;

/** The first record (the header) alone, read without parsing the rest of the text. */
export function csvHeader(text: string): string[] | undefined {
  const [header] = parseSync(text.slice(0, firstRecordEnd(text)), { ...OPTIONS, to: 1 }) as string[][];
  return header;
}

/** Where the first record ends: the first line break outside quotes (a doubled quote keeps the parity). */
function firstRecordEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) return i + 1;
  }
  return text.length;
}

/** The records after the header, `size` at a time; `onError` hears of each record that could not be read. */
export async function* csvBatches(
  text: string,
  size: number,
  onError: (line: number, message: string) => void,
): AsyncGenerator<CsvRecord[]> {
  const parser = Readable.from(slices(text), { objectMode: false }).pipe(
    parse({ ...OPTIONS, info: true, skip_records_with_error: true, from_line: 1 }),
  );
  parser.on('skip', (error: CsvError) => onError(Number(error.lines), error.message));
  let batch: CsvRecord[] = [];
  let header = true;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (header) {
      header = false;
      continue;
    }
    batch.push({ cells: record, line: info.lines });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The text in slices that end at line breaks, so none splits a character in two. */
function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start + SLICE);
    const end = newline === -1 ? text.length : newline + 1;
    yield text.slice(start, end);
    start = end;
  }
}
