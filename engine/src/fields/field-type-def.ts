/**
 * What the platform must know about one field type. Each type lives in its own file and is gathered in
 * `registry.ts`; the meta-schema, the record schema, the table plan, the codec and the migrator all read
 * from here, so a new type is one new file.
 */
import type { Issue } from '../errors.js';
import type {
  JsonSchema,
  LocalizedText,
  ObjectDocument,
  PropertyDocument,
  ViewRole,
} from '../metadata/types.js';
import type { ColumnSpec } from '../storage/column-type.js';
import { FILTER_OPERATORS, type FieldType, type FilterOperator } from './field-types.js';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/** What a semantic check may look at: the property, its object, and every object of the document set. */
export interface FieldCheckContext {
  name: string;
  pointer: string;
  object: ObjectDocument;
  objects: ReadonlyMap<string, ObjectDocument>;
}

/** A value's problem that JSON Schema cannot say: its issue code, and its message in a given language. */
export interface ValueProblem {
  code: string;
  message: (locale: string) => string;
}

/**
 * A field whose value names a row of another table by its id: the table plan makes it a foreign key, writes check
 * that the row exists, `expand` reads it. Lookups name records of an object; a user field names a workspace user.
 */
export interface FieldReference {
  /** The table whose `id` the value names. */
  table: string;
  onDelete: 'restrict' | 'setNull' | 'cascade';
  /** The object whose records the value names; absent when the table is not an object's. */
  object?: string;
  /**
   * A 0/1 column of the target that must be 1 for a value to be newly given (a user field: `active`). A value a
   * record already holds stays valid when it turns 0, so old records keep it and stay editable.
   */
  mustBeSet?: string;
  /** The issue of a value that names no row (`exists` false) or a row `mustBeSet` refuses. */
  problem(id: string, exists: boolean): ValueProblem;
  /**
   * For a table that is not an object's: how package seed files name a row (users: by e-mail). A cell naming
   * no row that may be newly given leaves the field empty: a package is installed before its people have accounts.
   */
  seed?: { key: string; normalize(cell: string): string };
  /** For a table that is not an object's: the columns `expand` reads, and the value it shows for a row. */
  summary?: { columns: readonly string[]; read(row: Record<string, unknown>): Record<string, unknown> };
}

/** How a file writes dates and numbers (the locale it was made in); ISO forms are always read. */
export interface TextFormats {
  /** Which comes first in a date written with the year last (`5.3.2024`: dmy, `3/5/2024`: mdy). */
  dateOrder?: 'ymd' | 'dmy' | 'mdy';
  /** `,` for files that write `1.234,56`. */
  decimalSeparator?: '.' | ',';
}

/** What the filter language lets a value of the field stand for besides itself (a user field: `me`). */
export interface FilterCaller {
  userId: string | null;
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
   * Values are plain text people find a record by (a name, an e-mail, a number): the admin may mark the field
   * `searchable`, and it may be an object's name field in the search index (search/search-fields.ts).
   */
  readonly searchable?: boolean;
  /**
   * The column per dialect; absent (or undefined for this property) when the value is computed when read and
   * never stored. `at` says which field of which object it is, for types whose storage depends on that.
   */
  column?(prop: PropertyDocument, at: { name: string; object: ObjectDocument }): ColumnSpec | undefined;
  /** JSON Schema of one non-null value, built from the property's own keywords. */
  valueSchema(prop: PropertyDocument): JsonSchema;
  /**
   * What JSON Schema cannot say about a value that passed it: the issue code and its message in the caller's
   * language (from record-messages.ts), or undefined when fine.
   */
  valueProblem?(value: unknown): ValueProblem | undefined;
  /**
   * A value as the text of one cell of an exported file, in the form an import reads back. Absent: text as it
   * is, numbers in plain decimal, booleans `true`/`false`, lists joined by `;`, objects as JSON.
   */
  toText?(value: unknown): string;
  /** Turns an accepted value into its canonical form before it is stored (trims, normalizes). */
  normalize?(value: unknown, prop: PropertyDocument): unknown;
  /**
   * The value a file's cell (CSV, XLSX, seed data) stands for, or undefined when the text is not one; an empty
   * cell never gets here. Without it the text itself is the value (text, e-mail, picklist…).
   */
  fromText?(cell: string, prop: PropertyDocument, formats: TextFormats): unknown;
  /** What `fromText` reads, for the message of a cell it refuses ("a whole number"), in each language. */
  readonly textHint?: LocalizedText;
  /** Filter operators that make sense on this type. */
  readonly operators: readonly FilterOperator[];
  /** For types whose operators depend on the property (a formula's on what it returns). */
  operatorsFor?(prop: PropertyDocument): readonly FilterOperator[];
  /** For fields whose value names a row of another table (lookups, master-details, users). */
  reference?(prop: PropertyDocument): FieldReference;
  /** A filter operand with a meaning of its own (a user field's `me`) as the value it stands for. */
  filterValue?(value: unknown, caller: FilterCaller): unknown;
  /** Checks the JSON Schema cannot express (targets exist, options match enum …). */
  check?(prop: PropertyDocument, ctx: FieldCheckContext): Issue[];
  /** How a list view may lay records out by a field of this type (a board's columns, a calendar's days). */
  readonly viewRole?: ViewRole;
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
