/** The shape shared by the string field types (text, textarea, email, url …): a text column and string keywords. */
import type { JsonSchema, PropertyDocument } from '../metadata/types.js';
import { sameOnBoth } from '../storage/column-type.js';
import { type FieldTypeDef, pickKeywords, TEXT_OPERATORS, type ValueProblem } from './field-type-def.js';
import type { FieldType, FilterOperator } from './field-types.js';
import { stringProblem } from './storable-text.js';

/** No U+0000 anywhere in the value. */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';

interface StringFieldSpec {
  type: FieldType;
  /** Largest `maxLength` allowed, and the one implied when a property gives none. */
  maxLength: number;
  format?: string;
  /** Whether a `pattern` may further restrict values. */
  pattern?: boolean;
  /** A pattern every value meets after normalization, whatever the property says. */
  valuePattern?: string;
  normalize?: (value: string, prop: PropertyDocument) => string;
  /** What a value that passed the schema may still get wrong (see FieldTypeDef.valueProblem). */
  valueProblem?: (value: string) => ValueProblem | undefined;
  operators?: readonly FilterOperator[];
  /** Whether the text is plain enough to search (not HTML); true by default. */
  searchable?: boolean;
}

export function stringField(spec: StringFieldSpec): FieldTypeDef {
  const keywords: Record<string, JsonSchema> = {
    maxLength: { type: 'integer', minimum: 1, maximum: spec.maxLength },
    minLength: { type: 'integer', minimum: 0 },
  };
  // `regex` is the linear-time engine's verdict, length limit included (see model/ajv.ts).
  if (spec.pattern) keywords.pattern = { type: 'string', format: 'regex' };
  if (spec.format) keywords.format = { const: spec.format };
  return {
    type: spec.type,
    jsonType: () => 'string',
    declaredTypes: ['string'],
    keywords,
    options: {},
    generated: false,
    uniqueAllowed: true,
    searchable: spec.searchable ?? true,
    column: () => sameOnBoth('text'),
    valueSchema: (prop) => {
      const own = pickKeywords(prop, ['maxLength', 'minLength', 'pattern']);
      const patterns = [NO_NUL_PATTERN, spec.valuePattern, own.pattern as string | undefined].filter(
        (p): p is string => p !== undefined,
      );
      return {
        type: 'string',
        maxLength: spec.maxLength,
        ...(spec.format ? { format: spec.format } : {}),
        ...own,
        // PostgreSQL text cannot hold U+0000; refusing it everywhere keeps both dialects alike.
        pattern: NO_NUL_PATTERN,
        ...(patterns.length > 1 ? { allOf: patterns.slice(1).map((pattern) => ({ pattern })) } : {}),
      };
    },
    // U+0000 is refused by the pattern above (its own code in record-issues.ts); this finds lone surrogates,
    // then what the type itself refuses.
    valueProblem: (value) =>
      typeof value === 'string' ? (stringProblem(value) ?? spec.valueProblem?.(value)) : undefined,
    normalize: spec.normalize ? (v, prop) => spec.normalize?.(v as string, prop) : undefined,
    operators: spec.operators ?? TEXT_OPERATORS,
  };
}
