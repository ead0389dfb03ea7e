/**
 * A child's write recounts its parents' roll-ups: to the parent that is a change like any edit, so the parent's
 * validation rules that read those roll-ups (or stored formulas over them) are judged again, on the parent as
 * recounted against the parent as it was. A broken rule refuses the child's write with the rule's message —
 * an order line that takes the order past its distributor's credit is refused by the order's own rule.
 */
import type { Issue } from '../errors.js';
import { clockIn } from '../formulas/formula-clock.js';
import { formulaPlan } from '../formulas/formula-values.js';
import { brokenRules, rulesRead } from '../formulas/validation-rules.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import type { Locality } from './locality.js';
import { type Parents, rollupsOver } from './rollups.js';
import { rowCodec } from './row-codec.js';

type Rows = Map<CompiledObject, { changed: ReadonlySet<string>; rows: Map<string, Record<string, unknown>> }>;

/** Parents whose rules read what a recount changes, with those fields. */
type Guarded = ReadonlyMap<CompiledObject, ReadonlySet<string>>;

const guardedByChild = new WeakMap<CompiledObject, Guarded>();

/** The parents of `child` with rules that read a roll-up over it (directly or through a formula). */
function guardedParents(model: CompiledModel, child: CompiledObject): Guarded {
  // A plain lookup, no closure: this runs on every write (tsx names every closure it creates).
  const known = guardedByChild.get(child);
  if (known) return known;
  const guarded = new Map<CompiledObject, ReadonlySet<string>>();
  for (const parent of new Set(rollupsOver(model, child).map((r) => r.parent))) {
    const changed = new Set(
      rollupsOver(model, child)
        .filter((r) => r.parent === parent)
        .map((r) => r.field),
    );
    // Formulas that read a recounted roll-up change with it (stored ones first: the others may read them).
    const plan = formulaPlan(model, parent);
    for (const f of [...(plan?.stored ?? []), ...(plan?.fields ?? [])])
      if (f.formula.fields.some((path) => changed.has(path[0] as string))) changed.add(f.name);
    if (rulesRead(model, parent, changed)) guarded.set(parent, changed);
  }
  guardedByChild.set(child, guarded);
  return guarded;
}

/** The guarded parents' rows, as stored now: read before a recount, to judge the rules against. */
export async function parentsBefore(
  trx: AnyDb,
  storage: Storage,
  model: CompiledModel,
  child: CompiledObject,
  parents: Parents,
): Promise<Rows | undefined> {
  const guarded = guardedParents(model, child);
  if (!guarded.size) return undefined;
  const rows: Rows = new Map();
  for (const [parent, changed] of guarded) {
    const ids = [...(parents.get(parent) ?? [])];
    if (ids.length) rows.set(parent, { changed, rows: await readRows(trx, storage, parent, ids) });
  }
  return rows;
}

async function readRows(trx: AnyDb, storage: Storage, object: CompiledObject, ids: readonly string[]) {
  const codec = rowCodec(object, storage.dialect);
  const found = await trx.selectFrom(object.apiName).select(codec.columns).where('id', 'in', ids).execute();
  return new Map<string, Record<string, unknown>>(found.map((row) => [String(row.id), codec.decode(row)]));
}

/** The issues of the guarded parents' rules, judged on the recounted parents against `before`. */
export async function brokenParentRules(
  trx: AnyDb,
  storage: Storage,
  model: CompiledModel,
  before: Rows,
  locality: Locality,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const [parent, { changed, rows: priors }] of before) {
    const after = await readRows(trx, storage, parent, [...priors.keys()]);
    const records = [...after.values()];
    const verdict = await brokenRules({
      db: trx,
      dialect: storage.dialect,
      model,
      object: parent,
      clock: clockIn(locality.timeZone),
      locale: locality.locale,
      records,
      priors: records.map((r) => priors.get(String(r.id)) as Record<string, unknown>),
      // The child's write is refused as a whole: the parent's rule names no field of it.
      pointerOf: () => '',
      reading: changed,
    });
    for (const issue of verdict.issues) issues.push({ ...issue, pointer: '' });
  }
  return issues;
}
