/** Lookups and master-details: a record id of another object, with the target checked against the document set. */
import type { Issue } from '../errors.js';
import type { PropertyDocument } from '../metadata/types.js';
import { recordMessage } from '../model/record-messages.js';
import { uuidColumns } from '../storage/column-type.js';
import {
  EQUALITY_OPERATORS,
  type FieldCheckContext,
  type FieldReference,
  type FieldTypeDef,
} from './field-type-def.js';
import type { FieldType } from './field-types.js';

export function referenceField(
  type: FieldType,
  options: FieldTypeDef['options'],
  onDelete: (prop: PropertyDocument) => FieldReference['onDelete'],
  extraCheck?: (prop: PropertyDocument, ctx: FieldCheckContext) => Issue[],
): FieldTypeDef {
  return {
    type,
    jsonType: () => 'string',
    declaredTypes: ['string'],
    keywords: { format: { const: 'uuid' } },
    options: { target: { type: 'string' }, ...options },
    requiredOptions: ['target'],
    generated: false,
    uniqueAllowed: true,
    column: () => uuidColumns,
    valueSchema: () => ({ type: 'string', format: 'uuid' }),
    normalize: (v) => (v as string).toLowerCase(),
    operators: EQUALITY_OPERATORS,
    reference: (prop) => {
      const target = prop['x-tessera'].target ?? '';
      return {
        table: target,
        object: target,
        onDelete: onDelete(prop),
        problem: (id) => ({
          code: 'reference',
          message: (locale) => recordMessage(locale, 'reference', { target, id }),
        }),
      };
    },
    check: (prop, ctx) => {
      const target = prop['x-tessera'].target ?? '';
      if (!ctx.objects.has(target))
        return [
          {
            pointer: `${ctx.pointer}/x-tessera/target`,
            code: 'unknown_target',
            message: `target object "${target}" does not exist`,
          },
        ];
      return extraCheck?.(prop, ctx) ?? [];
    },
  };
}
