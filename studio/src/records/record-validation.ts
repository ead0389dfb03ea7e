/**
 * The form's own check, with the JSON Schema the server enforces (its record schema for create or update, as
 * `GET /describe` gives it) and the same configured Ajv (`@tessera/engine/ajv`: local times, decimal
 * `multipleOf`), plus what the layout requires on top. The server checks again (it is the authority); this only
 * spares a round trip.
 */
import { createAjv } from '@tessera/engine/ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { RecordSchema } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

const ajv = createAjv();
const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
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
  schema: RecordSchema,
  values: Record<string, unknown>,
  alsoRequired: ReadonlySet<string> = new Set(),
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const required = new Set([...(schema.required ?? []), ...alsoRequired]);
  for (const [name, value] of Object.entries(values)) {
    const fieldSchema = schema.properties[name];
    if (!fieldSchema) continue;
    if (blank(value)) {
      if (required.has(name)) problems[name] = { key: 'valid.required' };
      continue;
    }
    const validate = validatorFor(fieldSchema);
    if (!validate(value)) problems[name] = problemOf((validate.errors ?? [])[0] as ErrorObject);
  }
  return problems;
}
