import { describe, expect, it } from 'vitest';
import { CsvParser } from './csv-parser.js';

function parse(chunks: readonly string[], delimiter = ',') {
  const parser = new CsvParser(delimiter);
  const rows = chunks.flatMap((c) => parser.push(c));
  const end = parser.end();
  return { rows: [...rows, ...end.rows], unclosed: end.unclosed };
}

const TEXT = '\ufeffa,b,c\r\n"x, ""y""",2,"multi\nline"\n\nplain,"",last\r\nno,newline,"at end"';

describe('the CSV parser', () => {
  it('reads quotes, doubled quotes, line breaks in cells, CRLF, empty lines and a last line without a break', () => {
    expect(parse([TEXT])).toEqual({
      rows: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 3, cells: ['x, "y"', '2', 'multi\nline'] },
        { line: 5, cells: ['plain', '', 'last'] },
        { line: 6, cells: ['no', 'newline', 'at end'] },
      ],
      unclosed: false,
    });
  });

  it('gives the same rows however the text is cut into chunks', () => {
    const whole = parse([TEXT]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < TEXT.length; i += size) chunks.push(TEXT.slice(i, i + size));
      expect(parse(chunks)).toEqual(whole);
    }
  });

  it('says when a quote is never closed', () => {
    expect(parse(['a,b\n1,"open\n']).unclosed).toBe(true);
  });

  it('splits on the delimiter it is given', () => {
    expect(parse(['a;b\t|c\n'], ';').rows).toEqual([{ line: 1, cells: ['a', 'b\t|c'] }]);
  });
});
