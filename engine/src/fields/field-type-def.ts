/**
 * What the platform must know about one field type. Each type lives in its own file and is gathered in
 * `registry.ts`; the meta-schema, the record schema, the table plan, the codec and the migrator all read
 * from here, so a new type is one new file.
 */
import type { Issue } from '../errors.js';
import type { JsonSchema, ObjectDocument, PropertyDocument } from '../metadata/types.js';
import type { ColumnSpec } from '../storage/column-type.js';
import { FILTER_OPERATORS, type FieldType, type FilterOperator } from './field-types.js';
import type { ValueProblem } from './storable-text.js';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/** What a semantic check may look at: the property, its object, and every object of the document set. */
export interface FieldCheckContext {
  name: string;
  pointer: string;
  object: ObjectDocument;
  objects: ReadonlyMap<string, ObjectDocument>;
}

export interface FieldTypeDef {
  readonly type: FieldType;
  /** The JSON `type` a value of this field has; formulas take theirs from `returns`. */
  jsonType(prop: PropertyDocument): JsonType;
  /** JSON `type` values the property document may declare (the meta-schema checks it). */
  readonly declaredTypes: readonly JsonType[];
  /** JSON Schema keywords this type accepts on the property, each with the schema its value must meet. */
  readonly keywords: Readonly<Record<string, JsonSchema>>;
  readonly requiredKeywords?: readonly string[];
  /** Options this type accepts under `x-tessera`, besides the ones every field has. */
  readonly options: Readonly<Record<string, JsonSchema>>;
  readonly requiredOptions?: readonly string[];
  /** Values are made by the platform (formula, roll-up, auto-number): never written by clients. */
  readonly generated: boolean;
  /** Whether `unique` makes sense for this type. */
  readonly uniqueAllowed: boolean;
  /**
   * The column per dialect; absent (or undefined for this property) when the value is computed when read and
   * never stored. `at` says which field of which object it is, for types whose storage depends on that.
   */
  column?(prop: PropertyDocument, at: { name: string; object: ObjectDocument }): ColumnSpec | undefined;
  /** JSON Schema of one non-null value, built from the property's own keywords. */
  valueSchema(prop: PropertyDocument): JsonSchema;
  /** What JSON Schema cannot say about a value that passed it: a code and message, or undefined when fine. */
  valueProblem?(value: unknown): ValueProblem | undefined;
  /** Turns an accepted value into its canonical form before it is stored (trims, normalizes). */
  normalize?(value: unknown, prop: PropertyDocument): unknown;
  /** Filter operators that make sense on this type. */
  readonly operators: readonly FilterOperator[];
  /** For types whose operators depend on the property (a formula's on what it returns). */
  operatorsFor?(prop: PropertyDocument): readonly FilterOperator[];
  /** Checks the JSON Schema cannot express (targets exist, options match enum …). */
  check?(prop: PropertyDocument, ctx: FieldCheckContext): Issue[];
}

/** Copies the keywords a property declares that constrain values (not annotations such as `title`). */
export function pickKeywords(prop: PropertyDocument, keywords: readonly string[]): JsonSchema {
  const out: JsonSchema = {};
  for (const k of keywords) if (prop[k] !== undefined) out[k] = prop[k];
  return out;
}

/** Comparisons that make sense on anything with an order (numbers, dates, text). */
export const ORDERED_OPERATORS: readonly FilterOperator[] = FILTER_OPERATORS.filter(
  (op) => op !== 'contains' && op !== 'startsWith',
);
export const TEXT_OPERATORS: readonly FilterOperator[] = [...ORDERED_OPERATORS, 'contains', 'startsWith'];
export const EQUALITY_OPERATORS: readonly FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'isNull'];

const scaleOption = { type: 'integer', minimum: 0, maximum: 10 };
export const SCALE_OPTION = { scale: scaleOption };

/** `multipleOf` for a scale: how JSON Schema says "at most N digits after the point". */
export const scaleMultiple = (scale: number | undefined): JsonSchema =>
  scale === undefined ? {} : { multipleOf: scale === 0 ? 1 : Number(`1e-${scale}`) };

export const BOUNDS_KEYWORDS = { minimum: { type: 'number' }, maximum: { type: 'number' } };
