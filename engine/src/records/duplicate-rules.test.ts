/** Duplicate rules: normalized matching against stored records and the same batch; block or warn; both dialects. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import type { TesseraError } from '../errors.js';
import type { DocumentSet, DuplicateRuleDocument } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';
import type { DuplicateWarning } from './duplicate-rules.js';

const contact = object('contact', {
  email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
  phone: { type: 'string', maxLength: 40, 'x-tessera': { field: 'phone' } },
  city: text(),
});
const rule = (apiName: string, fields: string[], action: 'block' | 'warn'): DuplicateRuleDocument => ({
  kind: 'duplicate_rule',
  apiName,
  object: 'contact',
  fields,
  action,
  message: { en: `looks like another contact (${apiName})` },
});
const DOCS: DocumentSet = {
  objects: [contact],
  duplicateRules: [
    rule('same_email', ['email'], 'block'),
    rule('same_phone', ['phone'], 'warn'),
    rule('same_name_city', ['name', 'city'], 'warn'),
  ],
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code} ${i.rule}`),
  );

describeEachDialect('duplicate rules', (env) => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    await ws.records.insert('contact', {
      name: 'Wang Fang',
      city: 'Hangzhou',
      email: 'Wang.Fang@Example.com',
      phone: '+86 (571) 8888-1234',
    });
  });

  it('block: a record matching another on normalized fields is refused; blanks never match', async () => {
    expect(
      await refusal(ws.records.insert('contact', { name: 'W', email: ' wang.fang@example.COM ' })),
    ).toEqual(['/email duplicate same_email']);
    expect(await refusal(ws.records.insert('contact', { name: 'A', email: 'a@example.com' }))).toEqual([]);
    expect(await refusal(ws.records.insert('contact', { name: 'B' }))).toEqual([]);
    expect(await refusal(ws.records.insert('contact', { name: 'C' }))).toEqual([]);
  });

  it('warn: the record is written and the warning says how many match, never which', async () => {
    const warnings: DuplicateWarning[] = [];
    const made = await ws.records.insert(
      'contact',
      { name: 'wang fang ', city: 'HANGZHOU', phone: '8657188881234' },
      { warnings },
    );
    expect(made.id).toBeDefined();
    expect(warnings.map((w) => [w.rule, w.matches])).toEqual([
      ['same_phone', 1],
      ['same_name_city', 1],
    ]);
    const quiet: DuplicateWarning[] = [];
    await ws.records.update('contact', made.id as string, { city: 'Ningbo' }, { warnings: quiet });
    expect(quiet.map((w) => w.rule)).toEqual(['same_phone']);
  });

  it('an update may not make a record a duplicate, but a record is never its own duplicate', async () => {
    const other = await ws.records.insert('contact', { name: 'Li Lei', email: 'li@example.com' });
    expect(
      await refusal(ws.records.update('contact', other.id as string, { email: 'LI@example.com' })),
    ).toEqual([]);
    expect(
      await refusal(ws.records.update('contact', other.id as string, { email: 'wang.fang@example.com' })),
    ).toEqual(['/email duplicate same_email']);
  });

  it('within one batch, the later of two alike records is the duplicate', async () => {
    expect(
      await refusal(
        ws.records.bulk('contact', {
          operation: 'create',
          records: [
            { name: 'x', email: 'twin@example.com' },
            { name: 'y', email: 'Twin@example.com' },
          ],
        }),
      ),
    ).toEqual(['/records/1/email duplicate same_email']);
    expect(await ws.records.count('contact', { email: { eq: 'twin@example.com' } })).toBe(0);
  });

  it('are checked at deploy: object, fields, and comparable types', async () => {
    const issues = async (rules: DuplicateRuleDocument[]) =>
      ws.deploy({ ...DOCS, duplicateRules: rules }).then(
        () => [],
        (e: TesseraError) => e.issues.map((i) => `${i.document} ${i.pointer} ${i.code}`),
      );
    expect(await issues([{ ...rule('a', ['email'], 'block'), object: 'ghost' }])).toEqual([
      'duplicate_rule:a /object unknown_object',
    ]);
    expect(await issues([rule('a', ['nope'], 'warn')])).toEqual(['duplicate_rule:a /fields/0 unknown_field']);
    expect(await issues([{ ...rule('a', ['email'], 'warn'), action: 'maybe' as 'warn' }])).toHaveLength(1);
  });
});
