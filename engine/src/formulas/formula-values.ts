/**
 * Formula field values, computed whenever records are read or written back: the formulas of an object are
 * compiled once per metadata version (in dependency order), and a batch of records is computed at once, with
 * one query per lookup the formulas follow, never one per record. Cross-object values are read with the
 * platform's own access (as in Salesforce), while the formula field itself obeys field-level security.
 */
import { type CompiledFormula, FormulaLimitError } from '@tessera/formula';
import BigConstructor from 'big.js';
import { TesseraError } from '../errors.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import { rowCodec } from '../records/row-codec.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { compileSaved } from './compile-saved.js';
import type { FormulaClock } from './formula-clock.js';
import { formulaEnvironment, objectDocuments } from './formula-environment.js';
import { formulaLimitIssue } from './formula-limit.js';
import { RecordContext } from './record-context.js';

type Values = Record<string, unknown>;

export interface FormulaField {
  name: string;
  formula: CompiledFormula;
  /** Digits to round a number to (the field's `scale`; 0 for integer results, 2 for currency by default). */
  scale?: number;
}

export interface FormulaPlan {
  /** Formula fields computed when read, each after the formula fields it reads. */
  fields: FormulaField[];
  /** Stored formula fields (see stored-formulas.ts), each after the ones it reads: computed when written. */
  stored: FormulaField[];
  /** Stored fields the formulas computed when read need (lookups they follow included). */
  columns: string[];
  /** Stored fields the stored formulas read. */
  storedReads: string[];
  /** Paths across lookups. */
  related: string[][];
}

const plans = new WeakMap<CompiledObject, FormulaPlan | null>();
const Decimal = BigConstructor();

/** The formulas of an object under one metadata version, or undefined when it has none. */
export function formulaPlan(model: CompiledModel, object: CompiledObject): FormulaPlan | undefined {
  return (
    getOrCreate(plans, object, () => {
      const objects = objectDocuments(model);
      const formulas = [...object.fields.values()].filter((f) => f.type === 'formula');
      if (!formulas.length) return null;
      const env = formulaEnvironment(object.document, objects);
      const compiled = new Map(
        formulas.map((f) => [f.name, compileSaved(f.prop['x-tessera'].formula as string, env)] as const),
      );
      const ordered: FormulaField[] = [];
      const placed = new Set<string>();
      const place = (name: string) => {
        if (placed.has(name)) return;
        placed.add(name);
        for (const path of compiled.get(name)?.fields ?? [])
          if (compiled.has(path[0] as string)) place(path[0] as string);
        const prop = object.fields.get(name)?.prop;
        const returns = prop?.['x-tessera'].returns;
        const scale =
          returns === 'integer' ? 0 : (prop?.['x-tessera'].scale ?? (returns === 'currency' ? 2 : undefined));
        ordered.push({
          name,
          formula: compiled.get(name) as CompiledFormula,
          ...(scale !== undefined ? { scale } : {}),
        });
      };
      for (const f of formulas) place(f.name);
      const isStored = (name: string) =>
        object.fields.get(name)?.columns !== undefined || Object.hasOwn(SYSTEM_FIELDS, name);
      const stored = ordered.filter((f) => object.fields.get(f.name)?.columns !== undefined);
      const fields = ordered.filter((f) => object.fields.get(f.name)?.columns === undefined);
      const readBy = (list: FormulaField[]) => list.flatMap((f) => f.formula.fields);
      const heads = (paths: string[][]) => [...new Set(paths.map((p) => p[0] as string).filter(isStored))];
      return {
        fields,
        stored,
        columns: heads(readBy(fields)),
        storedReads: heads(readBy(stored)),
        related: readBy(fields).filter((p) => p.length > 1),
      };
    }) ?? undefined
  );
}

/** Where formulas are computed: the database (for lookups), the metadata version, the object and the clock. */
export interface FormulaScope {
  db: AnyDb;
  dialect: DialectName;
  model: CompiledModel;
  object: CompiledObject;
  clock: FormulaClock;
}

/**
 * Computes `names` (default: every formula field computed when read) for each record of `sources` (the records'
 * stored values by field name, decoded) into the record of `targets` at the same index.
 */
export async function fillFormulas(
  scope: FormulaScope,
  sources: readonly Values[],
  targets: readonly Values[],
  names?: ReadonlySet<string>,
): Promise<void> {
  const { db, dialect, model, object, clock } = scope;
  const plan = formulaPlan(model, object);
  if (!plan?.fields.length || !sources.length) return;
  const wanted = plan.fields.filter((f) => !names || names.has(f.name));
  if (!wanted.length) return;
  const follow = await relatedValues(db, dialect, model, object, sources, plan.related);
  sources.forEach((source, i) => {
    // Formula values computed so far shadow the source's (blank) ones; the source is never written.
    const computed: Values = Object.create(source);
    const ctx = new RecordContext(computed, clock, follow);
    for (const field of plan.fields) computed[field.name] = evaluate(field, ctx);
    const target = targets[i] as Values;
    for (const field of wanted) target[field.name] = computed[field.name] ?? null;
  });
}

/**
 * One formula field's value for one record. Past the formula limits it is blank when shown, and refuses the
 * write when it is to be stored (`refuse`).
 */
export function evaluate(
  field: FormulaField,
  ctx: Parameters<CompiledFormula['evaluate']>[0],
  overLimit: 'blank' | 'refuse' = 'blank',
): unknown {
  try {
    const result = field.formula.evaluate(ctx);
    if (typeof result !== 'number' || field.scale === undefined) return result;
    return Number(new Decimal(result).round(field.scale, 1));
  } catch (error) {
    // A formula that cannot be computed for this record (division by zero, a bad date) is blank.
    if (error instanceof RangeError) return null;
    if (error instanceof FormulaLimitError && overLimit === 'blank') return null;
    if (error instanceof FormulaLimitError) {
      const issue = formulaLimitIssue(`/${field.name}`, `formula field "${field.name}"`, error);
      throw new TesseraError('validation_failed', issue.message, [issue]);
    }
    throw error;
  }
}

const noRelated = () => null;

/** Loads what the paths across lookups reach, one query per lookup and level, and answers path lookups. */
export async function relatedValues(
  db: AnyDb,
  dialect: DialectName,
  model: CompiledModel,
  object: CompiledObject,
  sources: readonly Values[],
  paths: readonly string[][],
): Promise<(source: Values, path: readonly string[]) => unknown> {
  if (!paths.length) return noRelated;
  const byLookup = new Map<string, string[][]>();
  for (const path of paths)
    if (path.length > 1)
      byLookup.set(path[0] as string, [...(byLookup.get(path[0] as string) ?? []), path.slice(1)]);
  const hops = new Map<
    string,
    { rows: Map<string, Values>; next: (s: Values, p: readonly string[]) => unknown }
  >();
  for (const [lookup, rests] of byLookup) {
    const target = model.object(object.fields.get(lookup)?.prop['x-tessera'].target as string);
    const codec = rowCodec(target, dialect);
    const ids = [...new Set(sources.map((s) => s[lookup]).filter((v): v is string => typeof v === 'string'))];
    const columns = [...new Set(['id', ...rests.map((r) => r[0] as string)])].filter((c) => codec.column(c));
    const rows = ids.length
      ? (await db.selectFrom(target.apiName).select(columns).where('id', 'in', ids).execute()).map((row) =>
          codec.decode(row, columns),
        )
      : [];
    hops.set(lookup, {
      rows: new Map(rows.map((r) => [String(r.id), r])),
      next: await relatedValues(db, dialect, model, target, rows, rests),
    });
  }
  return function follow(source, path) {
    const head = path[0] as string;
    if (path.length === 1) return source[head] ?? null;
    const hop = hops.get(head);
    const linked = hop?.rows.get(String(source[head]));
    return linked && hop ? hop.next(linked, path.slice(1)) : null;
  };
}
