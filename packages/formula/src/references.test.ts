import { describe, expect, it } from 'vitest';
import { FormulaError } from './errors.js';
import { formulaReferences } from './references.js';

describe('formulaReferences', () => {
  it('finds every field path and function, nested anywhere', () => {
    const found = formulaReferences(
      'IF(ISBLANK(customer_id.region), -qty * price, ROUND(TODAY() - start, 0))',
    );
    expect(found.fields).toEqual([['customer_id', 'region'], ['qty'], ['price'], ['start']]);
    expect([...found.functions].sort()).toEqual(['IF', 'ISBLANK', 'ROUND', 'TODAY']);
  });

  it('needs no environment: unknown fields and functions are still listed', () => {
    const found = formulaReferences('NOSUCH(nowhere) & "x"');
    expect(found.fields).toEqual([['nowhere']]);
    expect([...found.functions]).toEqual(['NOSUCH']);
  });

  it('refuses a formula that does not parse, with its position', () => {
    expect(() => formulaReferences('1 +')).toThrow(FormulaError);
  });
});
