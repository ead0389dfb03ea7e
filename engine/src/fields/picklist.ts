import { sameOnBoth } from '../storage/column-type.js';
import { EQUALITY_OPERATORS, type FieldTypeDef } from './field-type-def.js';
import { checkOptions, ENUM_SCHEMA, OPTIONS_SCHEMA } from './picklist-options.js';

/** One value from a fixed list; options carry labels in every language and an optional controlling field. */
export const picklist: FieldTypeDef = {
  type: 'picklist',
  jsonType: () => 'string',
  declaredTypes: ['string'],
  keywords: { enum: ENUM_SCHEMA },
  requiredKeywords: ['enum'],
  options: { options: OPTIONS_SCHEMA, controllingField: { type: 'string' } },
  requiredOptions: ['options'],
  generated: false,
  uniqueAllowed: false,
  column: () => sameOnBoth('text'),
  valueSchema: (prop) => ({ type: 'string', enum: prop.enum }),
  operators: EQUALITY_OPERATORS,
  viewRole: 'group',
  check: (prop, ctx) => checkOptions((prop.enum as string[]) ?? [], prop, ctx),
};
