/**
 * A CSV parser fed text a chunk at a time (RFC 4180: quoted cells with doubled quotes and line breaks, CRLF or
 * LF), answering whole rows with the line each ends on. Written for the import's speed: a general parser
 * (csv-parse) made reading the file most of an import's time; this one slices cells out of the chunk and
 * touches each character once.
 */
import type { TableRow } from './table-source.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  #row: string[] = [];
  #field = '';
  #quoted = false;
  /** A quote seen inside a quoted cell: a doubled quote or the cell's end, as the next character says. */
  #quoteSeen = false;
  /** Whether the current cell started with a quote (only then is a quote special). */
  #line = 1;
  #first = true;

  constructor(private readonly delimiter: string) {}

  /** The current line: where an unclosed quote started counting is the caller's to report. */
  get line(): number {
    return this.#line;
  }

  /** Parses a chunk; answers the rows it completes. */
  push(chunk: string): TableRow[] {
    const out: TableRow[] = [];
    let text = chunk;
    if (this.#first) {
      this.#first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const delimiter = this.delimiter.charCodeAt(0);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false;
          if (c === QUOTE) {
            this.#field += '"';
            start = i + 1;
            continue;
          }
          this.#quoted = false;
          start = i;
        } else {
          if (c === QUOTE) {
            this.#field += text.slice(start, i);
            this.#quoteSeen = true;
          } else if (c === LF) this.#line++;
          continue;
        }
      }
      if (c === delimiter) {
        this.#row.push(this.#field + text.slice(start, i));
        this.#field = '';
        start = i + 1;
      } else if (c === LF) {
        const end = i > start && text.charCodeAt(i - 1) === CR ? i - 1 : i;
        this.#endRow(this.#field + text.slice(start, end), out);
        this.#line++;
        start = i + 1;
      } else if (c === QUOTE && i === start && this.#field === '') {
        this.#quoted = true;
        start = i + 1;
      }
    }
    if (!this.#quoteSeen) this.#field += text.slice(start);
    return out;
  }

  /** The last row, when the text does not end with a line break; undefined when a quote was left open. */
  end(): { rows: TableRow[]; unclosed: boolean } {
    if (this.#quoted && !this.#quoteSeen) return { rows: [], unclosed: true };
    const out: TableRow[] = [];
    const last = this.#field.endsWith('\r') ? this.#field.slice(0, -1) : this.#field;
    if (last !== '' || this.#row.length) this.#endRow(last, out);
    return { rows: out, unclosed: false };
  }

  #endRow(last: string, out: TableRow[]): void {
    const cells = this.#row;
    cells.push(last);
    this.#row = [];
    this.#field = '';
    this.#quoted = false;
    this.#quoteSeen = false;
    // An empty line is no row.
    if (cells.length === 1 && cells[0] === '') return;
    out.push({ line: this.#line, cells });
  }
}
