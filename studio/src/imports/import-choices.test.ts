import type { ImportJob } from '@tessera/client';
import { describe, expect, it } from 'vitest';
import type { ObjectDescription, PropertyDocument } from '../api/types.js';
import {
  DEFAULT_OPTIONS,
  fieldsChosenTwice,
  fillableFields,
  importOptions,
  keyFields,
  mayImport,
  percentDone,
  suggestedMapping,
} from './import-choices.js';

const text = (extra: Partial<PropertyDocument['x-tessera']> = {}): PropertyDocument => ({
  type: 'string',
  'x-tessera': { field: 'text', ...extra },
});

/** A donor: a name, a unique number, a formula, and a field the user may read but not set. */
const DONOR: ObjectDescription = {
  apiName: 'donor',
  label: { en: 'Donor' },
  nameField: 'name',
  permissions: { read: true, create: true, edit: true, delete: false },
  viewRoles: {},
  document: {
    type: 'object',
    'x-tessera': { apiName: 'donor', nameField: 'name' },
    properties: {
      name: text(),
      donor_number: text({ unique: true }),
      email: text({ field: 'email', unique: true }),
      greeting: text({ field: 'formula', formula: '"Dear " & name' }),
      rating: text(),
    },
  },
  // Generated and read-only fields are not in what the server takes on a write.
  schemas: {
    create: { type: 'object', properties: { name: {}, donor_number: {}, email: {} } },
    update: { type: 'object', properties: { name: {}, email: {} } },
  },
  layouts: [],
  listViews: [],
};

describe('the import wizard’s choices', () => {
  it('offers the fields the user may set, in the object’s order: no formula, nothing read-only', () => {
    expect(fillableFields(DONOR)).toEqual(['name', 'donor_number', 'email']);
  });

  it('finds records to update by id or by a unique field', () => {
    expect(keyFields(DONOR)).toEqual(['id', 'donor_number', 'email']);
  });

  it('names a field chosen for two columns once, and nothing when each column has its own', () => {
    expect(fieldsChosenTwice({ Name: 'name', 'Full name': 'name', Email: 'email', Mail: 'email' })).toEqual([
      'name',
      'email',
    ]);
    expect(fieldsChosenTwice({ Name: 'name', Email: 'email' })).toEqual([]);
    expect(fieldsChosenTwice({})).toEqual([]);
    // Columns not imported are no field; a lookup is one field however its records are found.
    expect(fieldsChosenTwice({ Notes: '', Memo: '' })).toEqual([]);
    expect(fieldsChosenTwice({ Account: 'account', 'Account number': 'account.account_number' })).toEqual([
      'account',
    ]);
  });

  it('takes the server’s suggestion for every column, and sends a column of no field as not imported', () => {
    expect(
      suggestedMapping({
        columns: [
          { column: 'Name', field: 'name' },
          { column: 'Account number', field: 'account', lookupKey: 'account_number' },
          { column: 'Notes', field: null },
        ],
        unmapped: ['Notes'],
        uncovered: [],
        ignored: [],
        sample: [],
      }),
    ).toEqual({ Name: 'name', 'Account number': 'account.account_number', Notes: '' });
  });

  it('sends an insert without a key, and leaves the default date order and separator out', () => {
    expect(importOptions('donor', { Name: 'name' }, DEFAULT_OPTIONS, false)).toEqual({
      object: 'donor',
      mode: 'insert',
      mapping: { Name: 'name' },
      atomic: true,
    });
  });

  it('sends an upsert with its key, a dry run, and the formats the user chose', () => {
    const options = {
      mode: 'upsert',
      key: 'donor_number',
      atomic: false,
      dateOrder: 'dmy',
      decimalSeparator: ',',
    } as const;
    expect(importOptions('donor', { Nr: 'donor_number' }, options, true)).toEqual({
      object: 'donor',
      mode: 'upsert',
      key: 'donor_number',
      mapping: { Nr: 'donor_number' },
      atomic: false,
      dryRun: true,
      dateOrder: 'dmy',
      decimalSeparator: ',',
    });
  });

  it('tells how far an import is, and nothing while the rows are not counted yet', () => {
    expect(percentDone({ processed: 0, total: null })).toBeUndefined();
    expect(percentDone({ processed: 0, total: 0 })).toBe(100);
    expect(percentDone({ processed: 333, total: 1000 })).toBe(33);
    expect(percentDone({ processed: 1000, total: 1000 })).toBe(100);
    // A count read a moment after the total never shows past the end.
    expect(percentDone({ processed: 1001, total: 1000 })).toBe(100);
  });

  it('lets a checked import go on when every row is good, or when the good ones may go without the others', () => {
    const checked: ImportJob = {
      id: 'i',
      status: 'succeeded',
      object: 'donor',
      mode: 'insert',
      atomic: true,
      dryRun: true,
      fileName: 'donors.csv',
      total: 3,
      processed: 3,
      created: 3,
      updated: 0,
      failed: 0,
      errors: [],
      rate: 100,
      error: null,
      createdAt: '2026-12-07T21:00:00Z',
      startedAt: '2026-12-07T21:00:00Z',
      finishedAt: '2026-12-07T21:00:01Z',
    };
    expect(mayImport(checked)).toBe(true);
    // A bad row: all or none says no; without it, the two good rows may go.
    expect(mayImport({ ...checked, status: 'failed', created: 2, failed: 1 })).toBe(false);
    expect(mayImport({ ...checked, atomic: false, created: 2, failed: 1 })).toBe(true);
    // Nothing to write, a whole-file failure, a cancelled check: no.
    expect(mayImport({ ...checked, atomic: false, created: 0, failed: 3 })).toBe(false);
    expect(mayImport({ ...checked, status: 'failed', error: { code: 'x', message: 'no' } })).toBe(false);
    expect(mayImport({ ...checked, status: 'cancelled' })).toBe(false);
  });
});
