/**
 * The Salesforce formulas of formulon's integration suite (../shared/fixtures/formulas/formulon, MIT): 107
 * formulas, 241 cases with inputs and expected results. Every case runs; the only ones allowed to fail are
 * those using a function this language does not offer, which must fail as `unknown_function`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFormula } from './compile.js';
import { FormulaError } from './errors.js';
import type { FormulaType } from './types.js';
import { LINK_SCHEMES, urlScheme } from './url-schemes.js';

const DIR = fileURLToPath(
  new URL('../../../../shared/fixtures/formulas/formulon/test/integration/', import.meta.url),
);
/** Salesforce's session id has no meaning in this platform's formulas. */
const NOT_OFFERED = new Set(['GETSESSIONID']);

interface Typed {
  dataType: string;
  value: unknown;
}
interface Suite {
  context: string;
  identifiers: Record<string, Typed>;
  expectedResult: Typed;
}
interface Example {
  name: string;
  formula: string;
  suites: Suite[];
}

const TYPES: Record<string, FormulaType> = {
  number: 'number',
  text: 'text',
  picklist: 'picklist',
  date: 'date',
  datetime: 'datetime',
  checkbox: 'boolean',
  null: 'null',
};

const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const cases = files.flatMap((file) => {
  const { examples } = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { examples: Example[] };
  return examples.flatMap((ex) =>
    ex.suites.map((suite) => ({ file, name: `${ex.name}: ${suite.context}`, formula: ex.formula, suite })),
  );
});

/**
 * Salesforce links any scheme; HYPERLINK and IMAGE here make no link of a scheme other than http, https,
 * mailto and tel (`callto:`, `ymsgr:`), but give the label, or the picture's alternative text, instead.
 */
function withoutRefusedLinks(html: string): string {
  const refused = (url: string) => {
    const scheme = urlScheme(url);
    return scheme !== undefined && !LINK_SCHEMES.includes(scheme);
  };
  return html
    .replace(/<img src="([^"]*)" alt="([^"]*)"[^>]*\/>/g, (img, src: string, alt: string) =>
      refused(src) ? alt : img,
    )
    .replace(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g, (a, href: string, label: string) =>
      refused(href) ? label : a,
    );
}

/** A blank text result is null here (as a blank field reads); formulon writes it as "". */
function expectedValue(result: Typed): unknown {
  if (result.value === null || result.value === '' || result.dataType === 'null') return null;
  if (result.dataType === 'datetime') return new Date(result.value as string).toISOString();
  return typeof result.value === 'string' ? withoutRefusedLinks(result.value) : result.value;
}

function evaluate(formula: string, suite: Suite): unknown {
  const compiled = compileFormula(formula, {
    field: (path) => {
      const id = suite.identifiers[path.join('.')];
      return id ? TYPES[id.dataType] : undefined;
    },
  });
  return compiled.evaluate({
    value: (path) => suite.identifiers[path.join('.')]?.value ?? null,
    now: Date.now(),
    today: new Date().toISOString().slice(0, 10),
  });
}

const usesMissingFunction = (formula: string) =>
  [...formula.matchAll(/([A-Z][A-Z0-9_]*)\s*\(/g)].some((m) => NOT_OFFERED.has(m[1] as string));

describe.skipIf(files.length === 0)('formulon fixtures', () => {
  it('finds the 241 cases', () => {
    expect(cases.length).toBe(241);
  });

  it.each(cases.map((c) => [c.file, c.name, c] as const))('%s — %s', (_, __, c) => {
    if (usesMissingFunction(c.formula)) {
      expect(() => evaluate(c.formula, c.suite)).toThrow(
        expect.objectContaining({ code: 'unknown_function' }),
      );
      return;
    }
    let actual: unknown;
    try {
      actual = evaluate(c.formula, c.suite);
    } catch (error) {
      if (error instanceof FormulaError) throw new Error(`${error.code}: ${error.message}\n${c.formula}`);
      throw error;
    }
    const expected = expectedValue(c.suite.expectedResult);
    if (typeof expected === 'number' && typeof actual === 'number')
      expect(actual).toBeCloseTo(expected, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(expected) + 1))));
    else expect(actual).toEqual(expected);
  });
});
