import { describe, expect, it } from 'vitest';
import { object, set, text } from '../../test/documents.js';
import { compileModel } from './compiled-model.js';

const equipment = object(
  'equipment_asset',
  {
    serial_no: text({ 'x-tessera': { field: 'text', unique: true } }),
    price: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
    installed_on: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
    status: {
      type: 'string',
      enum: ['active', 'retired'],
      default: 'active',
      'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
    },
    customer_id: {
      type: 'string',
      format: 'uuid',
      'x-tessera': { field: 'lookup', target: 'account', onDelete: 'restrict' },
    },
    age: {
      type: 'integer',
      readOnly: true,
      // Reads the time, so it is computed when read: no column (stored-formulas.test.ts has the stored ones).
      'x-tessera': { field: 'formula', returns: 'integer', formula: 'TODAY() - installed_on' },
    },
  },
  ['serial_no'],
);
// Both objects have a field titled "Name": titles must not become clashing type names.
equipment.properties.name = text({ title: 'Name' });
const documents = set(object('account', { name: text({ title: 'Name' }) }), equipment);

describe('compiled model', () => {
  const model = compileModel(documents, 7);
  const asset = model.object('equipment_asset');

  it('plans the table per dialect: system columns, stored fields, indexes and foreign keys', () => {
    const sqlite = asset.table('sqlite');
    const postgres = asset.table('postgres');
    const columns = (plan: typeof sqlite) => plan.columns.map((c) => `${c.name}:${c.type.sql}`);
    expect(columns(sqlite)).toEqual([
      'id:text',
      'created_at:text',
      'updated_at:text',
      'created_by:text',
      'updated_by:text',
      'owner_id:text',
      'version:integer',
      'name:text',
      'serial_no:text',
      'price:integer',
      'installed_on:text',
      'status:text',
      'customer_id:text',
    ]);
    expect(columns(postgres)).toContain('price:numeric');
    expect(columns(postgres)).toContain('installed_on:date');
    expect(columns(postgres)).toContain('id:uuid');
    expect(sqlite.columns.find((c) => c.name === 'status')?.default).toBe('active');
    expect(sqlite.columns.some((c) => c.name === 'age')).toBe(false);
    expect(sqlite.indexes.map((i) => [i.column, i.unique])).toEqual([
      ['owner_id', false],
      ['created_at', false],
      ['serial_no', true],
      ['customer_id', false],
    ]);
    expect(postgres.foreignKeys).toEqual([
      expect.objectContaining({ column: 'customer_id', targetTable: 'account', onDelete: 'restrict' }),
    ]);
  });

  it('builds record schemas for reading, creating and updating', () => {
    expect(asset.schemas.create.required).toEqual(['name', 'serial_no']);
    expect(asset.schemas.update.required).toBeUndefined();
    expect(Object.keys(asset.schemas.create.properties as object)).not.toContain('age');
    expect(asset.schemas.record.properties).toMatchObject({
      id: { type: 'string', format: 'uuid', readOnly: true },
      age: { type: ['integer', 'null'], readOnly: true },
      price: { type: ['number', 'null'], multipleOf: 0.01 },
    });
  });

  it('validates writes field by field with stable codes, applying defaults on create only', () => {
    expect(asset.prepareWrite({ name: 'Pump', serial_no: 'P-1' }, 'create')).toEqual({
      values: { name: 'Pump', serial_no: 'P-1', status: 'active' },
      issues: [],
    });
    expect(asset.prepareWrite({ price: 1 }, 'update').values).toEqual({ price: 1 });
    const { issues } = asset.prepareWrite(
      {
        name: 'x'.repeat(121),
        price: 1.005,
        installed_on: '2024-02-30',
        status: 'lost',
        age: 3,
        id: 'x',
        colour: 'red',
      },
      'create',
    );
    expect(issues.map((i) => `${i.pointer} ${i.code}`).sort()).toEqual([
      '/age readOnly',
      '/colour unknown',
      '/id readOnly',
      '/installed_on format',
      '/name maxLength',
      '/price scale',
      '/serial_no required',
      '/status enum',
    ]);
    expect(asset.prepareWrite([], 'create').issues).toEqual([
      { pointer: '', code: 'type', message: 'a record must be a JSON object' },
    ]);
  });

  it('compiles validators once and shares them with the next version', () => {
    const again = compileModel(structuredClone(documents), 8);
    const a = asset.checkValue('serial_no', 'x'.repeat(200));
    const b = again.object('equipment_asset').checkValue('serial_no', 'x'.repeat(200));
    expect(a).toEqual(b);
    expect(a?.code).toBe('maxLength');
    expect(() => model.object('nope')).toThrow(expect.objectContaining({ code: 'unknown_object' }));
  });

  it('generates TypeScript declarations of every object', async () => {
    const ts = await model.typescript();
    expect(ts).toContain('export interface EquipmentAsset {');
    expect(ts).toContain('export interface EquipmentAssetCreate {');
    expect(ts).toContain('status?: ("active" | "retired" | null)');
    expect(ts).toContain(
      'equipment_asset: { record: EquipmentAsset; create: EquipmentAssetCreate; update: EquipmentAssetUpdate };',
    );
    expect(ts).not.toMatch(/^export type /m);
    expect(ts).toContain('/**\n * Name\n */\nname: string');
    expect(await model.typescript()).toBe(ts);
  });
});

describe('a pattern stored before the linear-time engine refused it', () => {
  // A deploy refuses a lookahead now; a document stored before must still open.
  const model = compileModel(set(object('tagged', { tag: text({ pattern: '^(?!x)[a-z]+$' }) })), 1);

  it('opens, and the field takes no value until the pattern is changed', () => {
    const tagged = model.object('tagged');
    expect(tagged.checkValue('tag', 'abc')).toMatchObject({ pointer: '/tag', code: 'pattern' });
    expect(tagged.checkValue('tag', null)).toBeUndefined();
  });
});
