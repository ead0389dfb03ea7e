/**
 * The form's own check, by the same JSON Schema the server enforces: each field's property document (its
 * `type`, `maxLength`, `enum`, `format`, bounds, `multipleOf`), the object's `required` list, and what the layout
 * requires on top. The server checks again (it is the authority); this only spares a round trip.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ObjectDocument, PropertyDocument } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
const validators = new WeakMap<PropertyDocument, ValidateFunction>();

/** What the schema says of a value, without the platform's own annotations. */
function validatorFor(prop: PropertyDocument): ValidateFunction {
  let validate = validators.get(prop);
  if (!validate) {
    const { 'x-tessera': _, title: __, description: ___, readOnly: ____, default: _____, ...schema } = prop;
    validate = ajv.compile(schema);
    validators.set(prop, validate);
  }
  return validate;
}

export interface FieldProblem {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

function problemOf(error: ErrorObject): FieldProblem {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'maxLength':
    case 'minLength':
    case 'minimum':
    case 'maximum':
      return { key: `valid.${error.keyword}` as MessageKey, vars: { limit: Number(p.limit) } };
    case 'multipleOf': {
      const step = String(p.multipleOf);
      return {
        key: 'valid.multipleOf',
        vars: { digits: step.includes('.') ? (step.split('.')[1]?.length ?? 0) : 0 },
      };
    }
    case 'format':
      return { key: 'valid.format', vars: { format: String(p.format) } };
    case 'enum':
      return { key: 'valid.enum' };
    case 'pattern':
      return { key: 'valid.pattern' };
    default:
      return { key: 'valid.type' };
  }
}

const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/** The problems of the values a form would send, by field (none: an empty object). */
export function validateRecord(
  object: ObjectDocument,
  values: Record<string, unknown>,
  alsoRequired: ReadonlySet<string> = new Set(),
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const required = new Set([...(object.required ?? []), ...alsoRequired]);
  for (const [name, value] of Object.entries(values)) {
    const prop = object.properties[name];
    if (!prop || prop.readOnly) continue;
    if (blank(value)) {
      if (required.has(name)) problems[name] = { key: 'valid.required' };
      continue;
    }
    const validate = validatorFor(prop);
    if (!validate(value)) problems[name] = problemOf((validate.errors ?? [])[0] as ErrorObject);
  }
  return problems;
}
