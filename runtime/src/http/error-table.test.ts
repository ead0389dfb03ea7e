/** The error table of docs/api.md lists every problem code the API answers with, under the status it has. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTTP_ERROR_CODES } from './http-error.js';
import { ENGINE_ERRORS } from './problem.js';

const API_DOC = new URL('../../../docs/api.md', import.meta.url);

/** `code → status` from the rows of the table under "## Errors". */
function documentedCodes(): Map<string, number> {
  const text = readFileSync(API_DOC, 'utf8');
  const section = text.slice(
    text.indexOf('\n## Errors'),
    text.indexOf('\n## ', text.indexOf('\n## Errors') + 1),
  );
  const codes = new Map<string, number>();
  for (const row of section.split('\n').filter((l) => /^\| \d{3} /.test(l))) {
    const [, status, cell] = row.split('|').map((c) => c.trim());
    for (const [, code] of (cell ?? '').matchAll(/`([a-z_]+)`/g)) codes.set(code as string, Number(status));
  }
  return codes;
}

describe('the error table of docs/api.md', () => {
  const documented = documentedCodes();

  it('has every engine error code, under the status the API answers it with', () => {
    const statuses = Object.entries(ENGINE_ERRORS).map(([code]) => [code, documented.get(code)]);
    expect(statuses).toEqual(Object.entries(ENGINE_ERRORS).map(([code, { status }]) => [code, status]));
  });

  it('has every code of the HTTP layer, and no code the API never answers', () => {
    const known = new Set<string>([...Object.keys(ENGINE_ERRORS), ...HTTP_ERROR_CODES]);
    expect(HTTP_ERROR_CODES.filter((code) => !documented.has(code))).toEqual([]);
    expect([...documented.keys()].filter((code) => !known.has(code))).toEqual([]);
  });
});
