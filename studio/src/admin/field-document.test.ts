/** The field editor's documents, for every field type, are ones the engine accepts and stores. */
import { validateDocuments } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import { answersOf, FIELD_TYPES, type FieldAnswers, fieldDocument } from './field-document.js';

const answers = (type: FieldAnswers['type']): FieldAnswers => ({
  type,
  labelEn: `My ${type}`,
  labelZh: '字段',
  values: [
    { value: 'new', en: 'New', zh: '新建', color: '#2457d6' },
    { value: 'done', en: 'Done', zh: '完成' },
  ],
  target: 'site',
  formula: 'LEN(name) * 2',
  returns: 'number',
  summarizedObject: 'visit',
  summarizedField: 'minutes',
  rollupFunction: 'sum',
  format: 'VM-{YYYY}-{0000}',
  scale: 2,
  minimum: 0,
  maximum: 10,
});

const objects = (fields: Record<string, unknown>, required: string[] = []) => [
  {
    type: 'object',
    'x-tessera': { apiName: 'site', nameField: 'name' },
    properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } } },
    required: ['name'],
  },
  {
    type: 'object',
    'x-tessera': { apiName: 'machine', nameField: 'name' },
    properties: { name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } }, ...fields },
    required: ['name', ...required],
  },
  {
    type: 'object',
    'x-tessera': { apiName: 'visit', nameField: 'name' },
    properties: {
      name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } },
      machine_id: {
        type: 'string',
        format: 'uuid',
        'x-tessera': { field: 'master_detail', target: 'machine' },
      },
      minutes: { type: 'integer', 'x-tessera': { field: 'integer' } },
    },
    required: ['name', 'machine_id'],
  },
];

describe('fieldDocument', () => {
  it.each(FIELD_TYPES.map((t) => [t]))('makes a %s field the engine accepts', (type) => {
    const doc = fieldDocument(answers(type));
    expect(doc['x-tessera'].field).toBe(type);
    expect(doc['x-tessera'].label).toEqual({ en: `My ${type}`, 'zh-CN': '字段' });
    // A master-detail is always required (its record belongs to a parent); the editor sends it so.
    const required = type === 'master_detail' ? ['the_field'] : [];
    const issues = validateDocuments({ objects: objects({ the_field: doc }, required) as never });
    expect(issues.map((i) => `${i.pointer} ${i.code} ${i.message}`)).toEqual([]);
  });

  it('carries picklist colours and both languages, and leaves out what was not answered', () => {
    const doc = fieldDocument({
      type: 'picklist',
      labelEn: 'Status',
      labelZh: '',
      values: answers('picklist').values ?? [],
    });
    expect(doc).toEqual({
      type: 'string',
      enum: ['new', 'done'],
      'x-tessera': {
        field: 'picklist',
        label: { en: 'Status' },
        options: [
          { value: 'new', label: { en: 'New', 'zh-CN': '新建' }, color: '#2457d6' },
          { value: 'done', label: { en: 'Done', 'zh-CN': '完成' } },
        ],
      },
    });
  });

  it.each(FIELD_TYPES.map((t) => [t]))('opens a %s field with the answers that make it again', (type) => {
    const doc = fieldDocument(answers(type));
    expect(fieldDocument(answersOf(doc))).toEqual(doc);
  });

  it('a value without labels has none (not an empty one)', () => {
    const doc = fieldDocument({
      type: 'picklist',
      labelEn: 'S',
      labelZh: '',
      values: [{ value: 'a', en: ' ', zh: '' }],
    });
    expect(doc['x-tessera'].options).toEqual([{ value: 'a' }]);
  });

  it('an answer the engine refuses is refused with the reason, not silently fixed', () => {
    const bad = fieldDocument({
      type: 'formula',
      labelEn: 'x',
      labelZh: '',
      formula: 'name * 2',
      returns: 'number',
    });
    const issues = validateDocuments({ objects: objects({ bad }) as never });
    expect(issues.map((i) => i.code)).toEqual(['formula_type']);
  });
});
