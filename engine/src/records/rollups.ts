/**
 * Roll-up summaries (count, sum, min, max of a master-detail child's records, optionally filtered), kept exact
 * inside the child's write transaction. A child write first locks the parents it touches (on PostgreSQL, in id
 * order, so two writers never deadlock; SQLite writes one at a time anyway), then recounts them from their
 * children once its rows are written: a recount, never an increment, so a value cannot drift.
 */
import { formulaPlan } from '../formulas/formula-values.js';
import { refreshStoredFormulas } from '../formulas/stored-formula-values.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { compileFilter } from './filter.js';
import { rowCodec } from './row-codec.js';

interface Rollup {
  parent: CompiledObject;
  /** The roll-up field of the parent. */
  field: string;
  fn: 'count' | 'sum' | 'min' | 'max';
  /** The child's field summarized (not for count). */
  summarized?: string;
  filter?: unknown;
  /** The child's master-detail field that names the parent. */
  master: string;
}

const cache = new WeakMap<CompiledObject, Rollup[]>();

/** The roll-ups summarizing `child`, in any object of the model. */
export function rollupsOver(model: CompiledModel, child: CompiledObject): Rollup[] {
  return getOrCreate(cache, child, () =>
    [...model.objects.values()].flatMap((parent) =>
      [...parent.fields.values()]
        .filter((f) => f.type === 'rollup' && f.prop['x-tessera'].summarizedObject === child.apiName)
        .flatMap((f) => {
          const o = f.prop['x-tessera'];
          const master = [...child.fields.values()].find(
            (c) => c.type === 'master_detail' && c.prop['x-tessera'].target === parent.apiName,
          );
          if (!master) return [];
          return [
            {
              parent,
              field: f.name,
              fn: o.function ?? 'count',
              ...(o.summarizedField ? { summarized: o.summarizedField } : {}),
              ...(o.filter !== undefined ? { filter: o.filter } : {}),
              master: master.name,
            },
          ];
        }),
    ),
  );
}

/** The child's master-detail fields a roll-up follows: their values before and after a write name the parents. */
export const rollupLinks = (model: CompiledModel, child: CompiledObject): string[] => [
  ...new Set(rollupsOver(model, child).map((r) => r.master)),
];

export type Parents = Map<CompiledObject, Set<string>>;

/** Parents of `records` (decoded child records) that roll-ups over the child must recount. */
export function parentsOf(
  model: CompiledModel,
  child: CompiledObject,
  records: readonly Record<string, unknown>[],
): Parents {
  const parents: Parents = new Map();
  for (const r of rollupsOver(model, child))
    for (const record of records) {
      const id = record[r.master];
      if (typeof id === 'string') getOrCreate(parents, r.parent, () => new Set<string>()).add(id);
    }
  return parents;
}

/** Locks the parents against other writers of their children until this transaction ends (PostgreSQL). */
export async function lockParents(storage: Storage, trx: AnyDb, parents: Parents): Promise<void> {
  if (storage.dialect !== 'postgres') return;
  for (const [parent, ids] of parents)
    if (ids.size)
      await trx
        .selectFrom(parent.apiName)
        .select('id')
        .where('id', 'in', [...ids])
        .orderBy('id')
        .forUpdate()
        .execute();
}

/**
 * Recomputes every roll-up over `child` for the given parents (all of them when `parents` is undefined), and
 * the parents' stored formulas that read them.
 */
export async function recountRollups(
  storage: Storage,
  trx: AnyDb,
  model: CompiledModel,
  child: CompiledObject,
  parents: Parents | undefined,
): Promise<void> {
  for (const r of rollupsOver(model, child)) {
    const ids = parents ? [...(parents.get(r.parent) ?? [])] : undefined;
    if (ids && !ids.length) continue;
    const childCodec = rowCodec(child, storage.dialect);
    const parentColumn = rowCodec(r.parent, storage.dialect).column(r.field);
    const where = r.filter === undefined ? undefined : compileFilter(child, storage, r.filter);
    let query = trx
      .selectFrom(child.apiName)
      .select((eb) => [
        eb.ref(r.master).as('parent_id'),
        (r.fn === 'count' ? eb.fn.countAll() : eb.fn(r.fn, [eb.ref(r.summarized as string)])).as('value'),
      ])
      .groupBy(r.master);
    query = ids ? query.where(r.master, 'in', ids) : query.where(r.master, 'is not', null);
    if (where) query = query.where(where);
    const found = new Map((await query.execute()).map((row) => [String(row.parent_id), row.value]));
    const targets =
      ids ?? (await trx.selectFrom(r.parent.apiName).select('id').execute()).map((p) => String(p.id));
    const decode = r.fn === 'count' ? Number : (childCodec.column(r.summarized as string)?.decode ?? Number);
    for (const id of targets) {
      const raw = found.get(id);
      // No child: a count or sum of nothing is 0, a min or max of nothing is blank.
      const value =
        raw === undefined || raw === null ? (r.fn === 'count' || r.fn === 'sum' ? 0 : null) : decode(raw);
      await trx
        .updateTable(r.parent.apiName)
        .set({ [r.field]: value === null ? null : parentColumn?.encode(value) })
        .where('id', '=', id)
        .execute();
    }
  }
  const summarized = new Set(rollupsOver(model, child).map((r) => r.parent));
  for (const parent of summarized) {
    const reads = formulaPlan(model, parent)?.storedReads ?? [];
    if (!rollupsOver(model, child).some((r) => r.parent === parent && reads.includes(r.field))) continue;
    const ids = parents ? [...(parents.get(parent) ?? [])] : undefined;
    await refreshStoredFormulas(storage, trx, model, parent, ids);
  }
}

const starts = new WeakMap<CompiledObject, Record<string, number>>();

/** A new parent has no children: its counts and sums start at 0 (minimums and maximums stay blank). */
export function rollupStart(object: CompiledObject): Record<string, number> {
  return getOrCreate(starts, object, () =>
    Object.fromEntries(
      [...object.fields.values()]
        .filter(
          (f) => f.type === 'rollup' && ['count', 'sum'].includes(f.prop['x-tessera'].function ?? 'count'),
        )
        .map((f) => [f.name, 0]),
    ),
  );
}
