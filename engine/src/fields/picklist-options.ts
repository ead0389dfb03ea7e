/** Option lists shared by picklist and multipicklist: i18n labels, colours, and the dependent-picklist check. */
import type { Issue } from '../errors.js';
import { LOCALIZED_TEXT } from '../metadata/localized-text.js';
import { propertyOf } from '../metadata/property-of.js';
import type { PicklistOption, PropertyDocument } from '../metadata/types.js';
import type { FieldCheckContext } from './field-type-def.js';

export const OPTIONS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      value: { type: 'string', minLength: 1, maxLength: 255 },
      label: LOCALIZED_TEXT,
      color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
      validFor: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    },
    required: ['value'],
    additionalProperties: false,
  },
};

export const ENUM_SCHEMA = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', minLength: 1 },
};

/** Options and `enum` say the same values in two places (for people and for JSON Schema): they must agree. */
export function checkOptions(
  values: readonly string[],
  prop: PropertyDocument,
  ctx: FieldCheckContext,
): Issue[] {
  const issues: Issue[] = [];
  const options: PicklistOption[] = prop['x-tessera'].options ?? [];
  const optionValues = options.map((o) => o.value);
  const missing = values.filter((v) => !optionValues.includes(v));
  const extra = optionValues.filter((v) => !values.includes(v));
  if (missing.length || extra.length) {
    issues.push({
      pointer: `${ctx.pointer}/x-tessera/options`,
      code: 'options_mismatch',
      message: `options must list exactly the enum values${missing.length ? `; missing: ${missing.join(', ')}` : ''}${
        extra.length ? `; not in enum: ${extra.join(', ')}` : ''
      }`,
    });
  }
  const controlling = prop['x-tessera'].controllingField;
  if (controlling === undefined) {
    options.forEach((o, i) => {
      if (o.validFor)
        issues.push({
          pointer: `${ctx.pointer}/x-tessera/options/${i}/validFor`,
          code: 'no_controlling_field',
          message: 'validFor needs a controllingField',
        });
    });
    return issues;
  }
  const controller = propertyOf(ctx.object, controlling);
  const controllerType = controller?.['x-tessera']?.field;
  if (!controller || (controllerType !== 'picklist' && controllerType !== 'boolean')) {
    issues.push({
      pointer: `${ctx.pointer}/x-tessera/controllingField`,
      code: 'bad_controlling_field',
      message: `controllingField "${controlling}" must be a picklist or boolean field of this object`,
    });
    return issues;
  }
  if (controlling === ctx.name) {
    issues.push({
      pointer: `${ctx.pointer}/x-tessera/controllingField`,
      code: 'bad_controlling_field',
      message: 'a field cannot control itself',
    });
    return issues;
  }
  const allowed =
    controllerType === 'boolean' ? ['true', 'false'] : ((controller.enum as string[] | undefined) ?? []);
  options.forEach((o, i) => {
    const unknown = (o.validFor ?? []).filter((v) => !allowed.includes(v));
    if (unknown.length)
      issues.push({
        pointer: `${ctx.pointer}/x-tessera/options/${i}/validFor`,
        code: 'unknown_controlling_value',
        message: `validFor names values that "${controlling}" does not have: ${unknown.join(', ')}`,
      });
  });
  return issues;
}
