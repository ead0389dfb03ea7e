/**
 * `planMigration(current, next)`: diffs two document sets by stable id into an ordered plan. Matching by id
 * (not by name) is what lets a rename keep its data; entities whose id is in the trash are restored, not created.
 */
import { TesseraError } from '../errors.js';
import { propertyOf } from '../metadata/property-of.js';
import type { DocumentSet, ObjectDocument } from '../metadata/types.js';
import {
  type CompiledField,
  type CompiledModel,
  type CompiledObject,
  compileModel,
} from '../model/compiled-model.js';
import {
  compactId,
  foreignKeyName,
  plainIndexName,
  type TablePlan,
  uniqueIndexName,
} from '../model/table-plan.js';
import type { TrashRow } from '../store/system-tables.js';
import { countNoun } from '../util/english.js';
import { unsupportedChange } from './convert-value.js';
import type { MigrationPlan, MigrationStep } from './steps.js';

export interface PlanInput {
  current: DocumentSet;
  next: DocumentSet;
  trash: readonly TrashRow[];
  baseVersion: number;
}

export interface PlannedMigration {
  plan: MigrationPlan;
  /** The current documents plus the trashed ones the plan restores, compiled: what the steps start from. */
  baseline: CompiledModel;
  /** The next documents compiled as the version the plan would create. */
  next: CompiledModel;
}

const idOf = (doc: ObjectDocument) => doc['x-tessera'].id ?? doc['x-tessera'].apiName;

/** Buckets in the order steps run: what frees a name comes before what takes it. */
const ORDER: MigrationStep['kind'][] = [
  'drop_foreign_key',
  'drop_index',
  'drop_field',
  'drop_object',
  'rename_object',
  'restore_object',
  'create_object',
  'rename_field',
  'restore_field',
  'change_field',
  'add_field',
  'add_index',
  'add_foreign_key',
  'update_definition',
];

export function planMigration(input: PlanInput): PlannedMigration {
  const trash = new Map(input.trash.map((t) => [t.entity_id, t]));
  const current = new Map(input.current.objects.map((d) => [idOf(d), d]));
  const next = new Map(input.next.objects.map((d) => [idOf(d), d]));
  const baseline = new Map<string, ObjectDocument>(current);
  const steps: MigrationStep[] = [];
  const created: ObjectDocument[] = [];
  /** Fields whose storage comes back from the trash without its indexes and foreign keys. */
  const bare = new Set<string>();

  for (const [id, doc] of next) {
    const apiName = doc['x-tessera'].apiName;
    const was = current.get(id);
    const trashed = trash.get(id);
    if (was) {
      const from = was['x-tessera'].apiName;
      if (from !== apiName)
        steps.push({
          kind: 'rename_object',
          objectId: id,
          object: apiName,
          from,
          description: `Rename object "${from}" to "${apiName}" (records kept)`,
        });
    } else if (trashed?.kind === 'object') {
      const restored = JSON.parse(trashed.definition) as ObjectDocument;
      restored['x-tessera'] = { ...restored['x-tessera'], apiName };
      baseline.set(id, restored);
      steps.push({
        kind: 'restore_object',
        objectId: id,
        object: apiName,
        storageName: trashed.storage_name,
        description: `Restore deleted object "${apiName}" with its records`,
      });
    } else {
      created.push(doc);
    }
  }
  for (const [id, doc] of current)
    if (!next.has(id)) {
      const apiName = doc['x-tessera'].apiName;
      steps.push({
        kind: 'drop_object',
        objectId: id,
        object: apiName,
        description: `Delete object "${apiName}" (soft: hidden now, restorable with its records until purged)`,
      });
    }

  // Fields of objects that exist on both sides. Restored fields join the baseline under their new name.
  const pairs: [ObjectDocument, ObjectDocument][] = [];
  for (const [id, doc] of next) {
    const base = baseline.get(id);
    if (!base) continue;
    const copy: ObjectDocument = { ...base, properties: { ...base.properties } };
    baseline.set(id, copy);
    pairs.push([copy, doc]);
    steps.push(...fieldSteps(copy, doc, trash, bare));
  }
  steps.push(...createSteps(created, new Set(baseline.keys())));

  const baselineSet = { objects: [...baseline.values()] };
  const baseModel = compileModel(baselineSet, input.baseVersion);
  const nextModel = compileModel(input.next, input.baseVersion + 1);
  // A renamed object keeps its table, so links to it are the same links under a new name.
  const idByName = (model: typeof baseModel) =>
    new Map([...model.objects.values()].map((o) => [o.apiName, o.id]));
  const baseIds = idByName(baseModel);
  const nextIds = idByName(nextModel);
  const sameTarget: SameTarget = (from, to) => baseIds.get(from) === nextIds.get(to);
  for (const [base, doc] of pairs) {
    const b = baseModel.object(base['x-tessera'].apiName);
    const n = nextModel.object(doc['x-tessera'].apiName);
    const fieldChanges = changeSteps(b, n, bare, sameTarget);
    steps.push(...fieldChanges);
    const touched = steps.some((s) => s.objectId === n.id);
    if (!touched && JSON.stringify(base) !== JSON.stringify(doc))
      steps.push({
        kind: 'update_definition',
        objectId: n.id,
        object: n.apiName,
        description: `Update labels and options of "${n.apiName}"`,
      });
  }
  steps.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return { plan: { baseVersion: input.baseVersion, steps }, baseline: baseModel, next: nextModel };
}

function fieldSteps(
  base: ObjectDocument,
  doc: ObjectDocument,
  trash: Map<string, TrashRow>,
  bare: Set<string>,
): MigrationStep[] {
  const objectId = idOf(doc);
  const object = doc['x-tessera'].apiName;
  const steps: MigrationStep[] = [];
  const fieldId = (name: string, d: ObjectDocument) => propertyOf(d, name)?.['x-tessera'].id ?? name;
  const baseById = new Map(Object.keys(base.properties).map((name) => [fieldId(name, base), name]));
  const nextIds = new Set(Object.keys(doc.properties).map((name) => fieldId(name, doc)));
  const renames: [string, string, string][] = [];

  for (const [name, prop] of Object.entries(doc.properties)) {
    const id = fieldId(name, doc);
    const was = baseById.get(id);
    const trashed = trash.get(id);
    if (was !== undefined) {
      if (was !== name) renames.push([id, was, name]);
    } else if (trashed?.kind === 'field' && trashed.object_id === objectId) {
      base.properties[name] = JSON.parse(trashed.definition);
      bare.add(id);
      steps.push({
        kind: 'restore_field',
        objectId,
        object,
        fieldId: id,
        field: name,
        storageName: trashed.storage_name,
        description: `Restore deleted field "${object}.${name}" with its values`,
      });
    } else {
      const type = prop['x-tessera'].field;
      const withDefault = prop.default !== undefined;
      steps.push({
        kind: 'add_field',
        objectId,
        object,
        fieldId: id,
        field: name,
        type,
        withDefault,
        description: `Add ${type} field "${object}.${name}"${withDefault ? ` with default ${JSON.stringify(prop.default)}` : ''}`,
      });
    }
  }
  for (const [id, name] of baseById)
    if (!nextIds.has(id))
      steps.push({
        kind: 'drop_field',
        objectId,
        object,
        fieldId: id,
        field: name,
        description: `Delete field "${object}.${name}" (soft: hidden now, restorable with its values until purged)`,
      });
  // A swap (a→b, b→a) would collide mid-way: then every rename of the object goes through a temporary name,
  // all to the temporary names first, then all to the final ones.
  const rename = (id: string, f: string, t: string, description: string): MigrationStep => ({
    kind: 'rename_field',
    objectId,
    object,
    fieldId: id,
    field: t,
    from: f,
    description,
  });
  const sources = new Set(renames.map(([, from]) => from));
  const collide = renames.some(([, , to]) => sources.has(to));
  const second: MigrationStep[] = [];
  for (const [id, from, to] of renames) {
    const description = `Rename field "${object}.${from}" to "${to}" (values kept)`;
    if (collide) {
      const temp = `tessera_tmp_${compactId(id)}`;
      steps.push(rename(id, from, temp, `${description}: step 1 of 2`));
      second.push(rename(id, temp, to, `${description}: step 2 of 2`));
    } else steps.push(rename(id, from, to, description));
  }
  steps.push(...second);
  // The baseline follows the renames so later steps find each field under its new name.
  const moved = renames.map(([, from, to]) => [to, propertyOf(base, from)] as const);
  for (const [, from] of renames) delete base.properties[from];
  for (const [to, prop] of moved) if (prop) base.properties[to] = prop;
  return steps;
}

/** New objects in an order where a lookup's target exists before the lookup; foreign keys in a cycle come last. */
function createSteps(created: ObjectDocument[], existing: Set<string>): MigrationStep[] {
  const steps: MigrationStep[] = [];
  const ready = new Set([...existing].filter((id) => !created.some((d) => idOf(d) === id)));
  const readyNames = new Set<string>();
  const pending = [...created];
  const deferred: MigrationStep[] = [];
  while (pending.length) {
    const index = pending.findIndex((d) =>
      Object.values(d.properties).every((p) => {
        const t = p['x-tessera'].target;
        return (
          !t ||
          t === d['x-tessera'].apiName ||
          readyNames.has(t) ||
          !created.some((c) => c['x-tessera'].apiName === t)
        );
      }),
    );
    const doc = pending.splice(index === -1 ? 0 : index, 1)[0] as ObjectDocument;
    const apiName = doc['x-tessera'].apiName;
    if (index === -1)
      for (const [name, p] of Object.entries(doc.properties)) {
        const t = p['x-tessera'].target;
        if (t && t !== apiName && !readyNames.has(t) && created.some((c) => c['x-tessera'].apiName === t))
          deferred.push({
            kind: 'add_foreign_key',
            objectId: idOf(doc),
            object: apiName,
            fieldId: p['x-tessera'].id ?? name,
            field: name,
            target: t,
            description: `Link "${apiName}.${name}" to "${t}"`,
          });
      }
    steps.push({
      kind: 'create_object',
      objectId: idOf(doc),
      object: apiName,
      description: `Create object "${apiName}" with ${countNoun(Object.keys(doc.properties).length, 'field', 'fields')}`,
    });
    ready.add(idOf(doc));
    readyNames.add(apiName);
  }
  return [...steps, ...deferred];
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function storageDiffers(a: CompiledField, b: CompiledField): boolean {
  return (
    a.type !== b.type ||
    a.required !== b.required ||
    !sameJson(a.valueSchema, b.valueSchema) ||
    a.columns?.sqlite.key !== b.columns?.sqlite.key ||
    a.columns?.postgres.key !== b.columns?.postgres.key
  );
}

type SameTarget = (fromTable: string, toTable: string) => boolean;

/** Type, constraint, index and foreign-key changes of fields present on both sides. */
function changeSteps(
  base: CompiledObject,
  next: CompiledObject,
  bare: Set<string>,
  sameTarget: SameTarget,
): MigrationStep[] {
  const steps: MigrationStep[] = [];
  const baseFields = new Map([...base.fields.values()].map((f) => [f.id, f]));
  // Indexes and foreign keys are the same on both dialects; PostgreSQL's plan stands for both.
  const fromPlan = base.table('postgres');
  const toPlan = next.table('postgres');
  for (const to of next.fields.values()) {
    const from = baseFields.get(to.id);
    if (!from) {
      steps.push(...indexSteps(undefined, toPlan, next, to, sameTarget, !bare.has(to.id)));
      continue;
    }
    const ref = { objectId: next.id, object: next.apiName, fieldId: to.id, field: to.name };
    const refusal = unsupportedChange(from, to);
    if (refusal)
      throw new TesseraError(
        'unsupported_change',
        `cannot change "${next.apiName}.${to.name}": ${refusal}`,
        [],
        ref,
      );
    if (storageDiffers(from, to))
      steps.push({
        ...ref,
        kind: 'change_field',
        from: from.type,
        to: to.type,
        description:
          to.type === 'formula'
            ? formulaStorageChange(next.apiName, to.name, from, to)
            : from.type === to.type
              ? `Change the rules of "${next.apiName}.${to.name}" (existing values are checked)`
              : `Change "${next.apiName}.${to.name}" from ${from.type} to ${to.type} (every value is checked and converted)`,
      });
    steps.push(...indexSteps(bare.has(to.id) ? undefined : fromPlan, toPlan, next, to, sameTarget));
  }
  return steps;
}

function formulaStorageChange(object: string, field: string, from: CompiledField, to: CompiledField): string {
  const at = `"${object}.${field}"`;
  if (!to.columns) return `Compute formula ${at} when read, no longer stored (its stored values are dropped)`;
  return from.columns
    ? `Store formula ${at} as its new type (computed again for every record)`
    : `Store formula ${at} (computed for every record), so it can be filtered and sorted on`;
}

/**
 * Index and foreign-key steps for one field. `fromPlan` is undefined when the field has none yet (new or back
 * from the trash); a new field's foreign key is created with its column, so `linkedWithColumn` skips it.
 */
function indexSteps(
  fromPlan: TablePlan | undefined,
  toPlan: TablePlan,
  next: CompiledObject,
  field: CompiledField,
  sameTarget: SameTarget,
  linkedWithColumn = false,
): MigrationStep[] {
  const steps: MigrationStep[] = [];
  const ref = { objectId: next.id, object: next.apiName, fieldId: field.id, field: field.name };
  const at = `"${next.apiName}.${field.name}"`;
  const fromFk = fromPlan?.foreignKeys.find((f) => f.name === foreignKeyName(field.id));
  const toFk = toPlan.foreignKeys.find((f) => f.name === foreignKeyName(field.id));
  const fkChanged =
    !fromFk ||
    !toFk ||
    !sameTarget(fromFk.targetTable, toFk.targetTable) ||
    fromFk.onDelete !== toFk.onDelete;
  if (fromFk && fkChanged)
    steps.push({
      ...ref,
      kind: 'drop_foreign_key',
      target: fromFk.targetTable,
      description: `Unlink ${at} from "${fromFk.targetTable}"`,
    });
  if (toFk && fkChanged && !linkedWithColumn)
    steps.push({
      ...ref,
      kind: 'add_foreign_key',
      target: toFk.targetTable,
      description: `Link ${at} to "${toFk.targetTable}" (${toFk.onDelete} on delete; existing values are checked)`,
    });
  const names = [uniqueIndexName(field.id), plainIndexName(field.id)];
  const fromIx = fromPlan?.indexes.filter((i) => names.includes(i.name)) ?? [];
  const toIx = toPlan.indexes.filter((i) => names.includes(i.name));
  for (const ix of fromIx)
    if (!toIx.some((t) => t.name === ix.name))
      steps.push({
        ...ref,
        kind: 'drop_index',
        unique: ix.unique,
        description: `Drop the ${ix.unique ? 'unique ' : ''}index on ${at}`,
      });
  for (const ix of toIx)
    if (!fromIx.some((f) => f.name === ix.name))
      steps.push({
        ...ref,
        kind: 'add_index',
        unique: ix.unique,
        description: ix.unique ? `Make ${at} unique (existing values are checked)` : `Index ${at}`,
      });
  return steps;
}
