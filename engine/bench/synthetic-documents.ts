/** Generates large, realistic document sets for benchmarks: objects with a mix of every common field type. */
import type { DocumentSet, ObjectDocument, PropertyDocument } from '../src/index.js';

const FIELD_MIX: ((i: number) => PropertyDocument)[] = [
  () => ({ type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } }),
  () => ({ type: 'string', maxLength: 4000, 'x-tessera': { field: 'textarea' } }),
  () => ({ type: 'integer', minimum: 0, 'x-tessera': { field: 'integer' } }),
  () => ({ type: 'number', 'x-tessera': { field: 'number', scale: 3 } }),
  () => ({ type: 'number', 'x-tessera': { field: 'currency', scale: 2 } }),
  () => ({ type: 'boolean', 'x-tessera': { field: 'boolean' } }),
  () => ({ type: 'string', format: 'date', 'x-tessera': { field: 'date' } }),
  () => ({ type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } }),
  () => ({ type: 'string', format: 'email', 'x-tessera': { field: 'email' } }),
  () => ({ type: 'string', 'x-tessera': { field: 'phone' } }),
  (i) => ({
    type: 'string',
    enum: ['a', 'b', 'c'],
    default: 'a',
    'x-tessera': {
      field: 'picklist',
      options: ['a', 'b', 'c'].map((value) => ({ value, label: { en: `${value}${i}` } })),
    },
  }),
];

/** `objects` objects of `fields` fields each; every object after the first has a lookup to the previous one. */
export function syntheticDocuments(objects: number, fields: number): DocumentSet {
  const docs: ObjectDocument[] = [];
  for (let o = 0; o < objects; o++) {
    const properties: Record<string, PropertyDocument> = {
      name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
    };
    for (let f = 1; f < fields; f++)
      properties[`field_${f}`] = (FIELD_MIX[f % FIELD_MIX.length] as (i: number) => PropertyDocument)(f);
    if (o > 0)
      properties.parent_id = {
        type: 'string',
        format: 'uuid',
        'x-tessera': { field: 'lookup', target: `object_${o - 1}` },
      };
    docs.push({
      type: 'object',
      'x-tessera': {
        apiName: `object_${o}`,
        nameField: 'name',
        label: { en: `Object ${o}`, 'zh-CN': `对象 ${o}` },
      },
      properties,
      required: ['name'],
    });
  }
  return { objects: docs };
}
