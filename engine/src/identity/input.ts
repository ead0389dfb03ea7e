/** Checks a request body of the identity API against its JSON Schema, answering every problem at once. */
import { TesseraError } from '../errors.js';
import { ajvIssues } from '../metadata/ajv-issues.js';
import type { JsonSchema } from '../metadata/types.js';
import { validatorFor } from '../model/validator-cache.js';

export function checkInput<T>(schema: JsonSchema, input: unknown, what: string): T {
  const validate = validatorFor(schema);
  if (!validate(input))
    throw new TesseraError(
      'validation_failed',
      `the ${what} is not valid`,
      ajvIssues(validate.errors, () => undefined),
    );
  return input as T;
}

export const EMAIL = { type: 'string', format: 'email', maxLength: 254 } as const;
export const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const INSTANT = { type: 'string', format: 'date-time' } as const;
