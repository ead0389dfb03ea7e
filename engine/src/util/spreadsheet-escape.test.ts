import { describe, expect, it } from 'vitest';
import { neutralize, unneutralize } from './spreadsheet-escape.js';

describe('formula injection: neutralized on export, restored on import', () => {
  it('makes inert what a spreadsheet would run, and nothing else', () => {
    expect(['=1+1', '+1', '-x', '@SUM(A1)', '\tx', '\r=1', "'=1"].map(neutralize)).toEqual([
      "'=1+1",
      "'+1",
      "'-x",
      "'@SUM(A1)",
      "'\tx",
      "'\r=1",
      "''=1",
    ]);
    expect(['Acme', "'hello", "'", '', 'a=b'].map(neutralize)).toEqual(['Acme', "'hello", "'", '', 'a=b']);
  });

  it('reads every text back as it was', () => {
    const texts = ['=1+1', '-5 apples', "'=1", "''@x", "'hello", "'", '', 'plain', '\t=tab', 'x=1'];
    expect(texts.map((t) => unneutralize(neutralize(t)))).toEqual(texts);
    // A file typed by hand: the apostrophe is the spreadsheet's escape, as it shows the cell.
    expect(unneutralize("'=1")).toBe('=1');
    expect(unneutralize("'hello")).toBe("'hello");
  });
});
