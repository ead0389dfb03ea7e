/** Default formulas: values on create from the record's other fields, checked at deploy and at write. */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import type { TesseraError } from '../errors.js';
import type { ObjectDocument, PropertyDocument } from '../metadata/types.js';

const withDefault = (prop: PropertyDocument, defaultFormula: string): PropertyDocument => ({
  ...prop,
  'x-tessera': { ...prop['x-tessera'], defaultFormula },
});
const ticket = (extra: Record<string, PropertyDocument> = {}): ObjectDocument =>
  object(
    'ticket',
    {
      opened: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
      due: withDefault({ type: 'string', format: 'date', 'x-tessera': { field: 'date' } }, 'opened + 3'),
      code: withDefault(text({ maxLength: 5 }), 'UPPER(LEFT(name, 5))'),
      hours: withDefault(
        { type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } },
        'IF(ISBLANK(opened), 8, 24)',
      ),
      ...extra,
    },
    ['due'],
  );

describeEachDialect('default formulas', (env) => {
  it('fill fields left out of a create from the record, never overriding a sent value', async () => {
    const ws = await env.open();
    await ws.deploy({ objects: [ticket()] });
    const made = await ws.records.insert('ticket', { name: 'printer jam', opened: '2024-02-27' });
    expect(made).toMatchObject({ due: '2024-03-01', code: 'PRINT', hours: 24 });
    const sent = await ws.records.insert('ticket', {
      name: 'x',
      opened: '2024-02-27',
      due: '2024-12-31',
      hours: 1,
    });
    expect(sent).toMatchObject({ due: '2024-12-31', hours: 1, code: 'X' });
    // The default is still a value of the field: a required field whose formula gives nothing is refused.
    await expect(ws.records.insert('ticket', { name: 'no date' })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [expect.objectContaining({ pointer: '/due', code: 'required' })],
    });
    const updated = await ws.records.update('ticket', made.id as string, { opened: '2025-01-01' });
    expect(updated.due).toBe('2024-03-01');
  });

  it('are checked at deploy: own fields only, a fitting type, never beside a literal default', async () => {
    const ws = await env.open();
    const issues = (extra: Record<string, PropertyDocument>) =>
      ws.deploy({ objects: [ticket(extra)] }).then(
        () => [],
        (e: TesseraError) => e.issues.map((i) => `${i.pointer} ${i.code}`),
      );
    expect(await issues({ x: withDefault(text(), 'nope & "!"') })).toEqual([
      '/properties/x/x-tessera/defaultFormula formula_unknown_field',
    ]);
    expect(await issues({ x: withDefault(text(), 'opened + 1') })).toEqual([
      '/properties/x/x-tessera/defaultFormula formula_type',
    ]);
    expect(await issues({ x: withDefault({ ...text(), default: 'a' }, '"b"') })).toEqual([
      '/properties/x/x-tessera/defaultFormula default_conflict',
    ]);
  });
});
