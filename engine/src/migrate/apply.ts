/**
 * Runs a migration plan inside one transaction (`Storage.migrate`), together with the version bump and the
 * document revisions. Any failure — a refused conversion, a constraint, a crash — rolls everything back:
 * schema, data, metadata version and trash.
 */
import { TesseraError } from '../errors.js';
import type { CompiledField, CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { compactId } from '../model/table-plan.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb, SchemaEditor, Storage } from '../storage/storage.js';
import { putInTrash, takeFromTrash } from '../store/metadata-store.js';
import type { TrashRow } from '../store/system-tables.js';
import { convertValue } from './convert-value.js';
import {
  type Blockers,
  countRows,
  danglingBlockers,
  danglingReferences,
  duplicateBlockers,
  nullBlockers,
  refuse,
  SAMPLE_SIZE,
} from './data-checks.js';
import type { MigrationPlan, MigrationStep, StepKind } from './steps.js';

export interface ApplyContext {
  storage: Storage;
  db: AnyDb;
  schema: SchemaEditor;
  /** The model the steps start from (current documents plus what the plan restores from the trash). */
  baseline: CompiledModel;
  next: CompiledModel;
  version: number;
  trash: ReadonlyMap<string, TrashRow>;
  /** Called before each step: progress for people, and a hook for tests that make a step fail. */
  onStep?: (step: MigrationStep, index: number) => void | Promise<void>;
}

/** Trashed tables and columns get a platform name, so the API name is free for a new object or field. */
export const trashName = (id: string) => `tessera_deleted_${compactId(id)}`;

type Step<K extends StepKind> = Extract<MigrationStep, { kind: K }>;
type Runner<K extends StepKind> = (ctx: ApplyContext, step: Step<K>, state: ApplyState) => Promise<void>;

interface ApplyState {
  /** Tables that exist at this point of the plan, by object API name. */
  tables: Set<string>;
  /** Links of restored objects to objects this plan restores later: attached when their target is back. */
  waitingLinks: { object: CompiledObject; field: CompiledField; target: string }[];
}

const objectById = (model: CompiledModel, id: string): CompiledObject => {
  for (const o of model.objects.values()) if (o.id === id) return o;
  throw new Error(`object ${id} is not in the model`);
};
const fieldById = (object: CompiledObject, id: string): CompiledField => {
  for (const f of object.fields.values()) if (f.id === id) return f;
  throw new Error(`field ${id} is not in ${object.apiName}`);
};
const nextField = (ctx: ApplyContext, step: { objectId: string; fieldId: string }) => {
  const object = objectById(ctx.next, step.objectId);
  return { object, field: fieldById(object, step.fieldId) };
};
const plan = (ctx: ApplyContext, object: CompiledObject) => object.table(ctx.storage.dialect);
/** Whether a link's target table exists now: an object's once its step ran; the platform's own (users) always. */
const linkable = (ctx: ApplyContext, state: ApplyState, table: string) =>
  state.tables.has(table) || (!ctx.next.objects.has(table) && !ctx.baseline.objects.has(table));

const RUNNERS: { [K in StepKind]: Runner<K> } = {
  create_object: async (ctx, step, state) => {
    const object = objectById(ctx.next, step.objectId);
    const table = plan(ctx, object);
    // Links to objects created later in this plan are added by their own add_foreign_key step.
    const foreignKeys = table.foreignKeys.filter(
      (fk) => fk.targetTable === object.apiName || linkable(ctx, state, fk.targetTable),
    );
    await ctx.schema.createTable({ ...table, foreignKeys });
    state.tables.add(object.apiName);
  },
  restore_object: async (ctx, step, state) => {
    await ctx.schema.renameTable(step.storageName, step.object);
    await takeFromTrash(ctx.db, step.objectId);
    state.tables.add(step.object);
    // Its outgoing links were removed when it was deleted; they come back with the data they guard. Links to
    // an object restored later in this plan (a package's objects come back together) wait for it.
    const object = objectById(ctx.baseline, step.objectId);
    for (const fk of plan(ctx, object).foreignKeys) {
      const link = { object, field: object.fields.get(fk.column) as CompiledField, target: fk.targetTable };
      if (linkable(ctx, state, fk.targetTable))
        await attachReference(ctx, link.object, link.field, link.target);
      else state.waitingLinks.push(link);
    }
    for (const link of state.waitingLinks.filter((l) => l.target === step.object))
      await attachReference(ctx, link.object, link.field, link.target);
    state.waitingLinks = state.waitingLinks.filter((l) => l.target !== step.object);
  },
  rename_object: async (ctx, step, state) => {
    await ctx.schema.renameTable(step.from, step.object);
    state.tables.delete(step.from);
    state.tables.add(step.object);
  },
  drop_object: async (ctx, step, state) => {
    const object = objectById(ctx.baseline, step.objectId);
    for (const fk of plan(ctx, object).foreignKeys) await ctx.schema.dropForeignKey(object.apiName, fk);
    const storageName = trashName(object.id);
    await ctx.schema.renameTable(object.apiName, storageName);
    state.tables.delete(object.apiName);
    await putInTrash(
      ctx.db,
      trashRow(ctx, 'object', object.id, object.id, object.apiName, storageName, object.document),
    );
  },
  add_field: async (ctx, step) => {
    const { object, field } = nextField(ctx, step);
    const table = plan(ctx, object);
    const column = table.columns.find((c) => c.fieldId === field.id);
    if (!column) return; // computed when read: nothing is stored
    if (field.required && column.default === undefined && (await countRows(ctx.db, object.apiName)) > 0)
      throw new TesseraError(
        'conversion_blocked',
        `cannot add required field "${object.apiName}.${field.name}" without a default: the existing records would have no value`,
      );
    await ctx.schema.addColumn(
      object.apiName,
      column,
      table.foreignKeys.find((fk) => fk.column === field.name),
    );
  },
  restore_field: async (ctx, step) => {
    await ctx.schema.renameColumn(step.object, step.storageName, step.field);
    await takeFromTrash(ctx.db, step.fieldId);
  },
  rename_field: async (ctx, step) => {
    await ctx.schema.renameColumn(step.object, step.from, step.field);
  },
  change_field: async (ctx, step) => changeField(ctx, step),
  drop_field: async (ctx, step) => {
    const object = objectById(ctx.baseline, step.objectId);
    const field = fieldById(object, step.fieldId);
    if (!field.columns) {
      await putInTrash(ctx.db, trashRow(ctx, 'field', field.id, object.id, field.name, '', field.prop));
      return;
    }
    const table = plan(ctx, object);
    const fk = table.foreignKeys.find((f) => f.column === field.name);
    if (fk) await ctx.schema.dropForeignKey(step.object, fk);
    for (const index of table.indexes.filter((i) => i.column === field.name))
      await ctx.schema.dropIndex(step.object, index.name);
    const storageName = trashName(field.id);
    await ctx.schema.renameColumn(step.object, step.field, storageName);
    await putInTrash(
      ctx.db,
      trashRow(ctx, 'field', field.id, object.id, field.name, storageName, field.prop),
    );
  },
  add_index: async (ctx, step) => {
    const { object, field } = nextField(ctx, step);
    const index = plan(ctx, object).indexes.find((i) => i.column === field.name && i.unique === step.unique);
    if (!index) return;
    if (index.unique) {
      const blockers = await duplicateBlockers(ctx.db, object.apiName, field.name);
      if (blockers.count)
        refuse(
          `cannot make "${object.apiName}.${field.name}" unique`,
          blockers,
          'Make the values distinct first.',
        );
    }
    await ctx.schema.createIndex(object.apiName, index);
  },
  drop_index: async (ctx, step) => {
    const object = objectById(ctx.baseline, step.objectId);
    const index = plan(ctx, object).indexes.find(
      (i) => i.name.endsWith(compactId(step.fieldId)) && i.unique === step.unique,
    );
    if (index) await ctx.schema.dropIndex(step.object, index.name);
  },
  add_foreign_key: async (ctx, step) => {
    const { object, field } = nextField(ctx, step);
    await attachReference(ctx, object, field, step.target);
  },
  drop_foreign_key: async (ctx, step) => {
    const object = objectById(ctx.baseline, step.objectId);
    const fk = plan(ctx, object).foreignKeys.find((f) => f.name.endsWith(compactId(step.fieldId)));
    if (fk) await ctx.schema.dropForeignKey(object.apiName, fk);
  },
  update_definition: async () => {},
};

function trashRow(
  ctx: ApplyContext,
  kind: TrashRow['kind'],
  entityId: string,
  objectId: string,
  apiName: string,
  storageName: string,
  definition: unknown,
): TrashRow {
  return {
    entity_id: entityId,
    kind,
    object_id: objectId,
    api_name: apiName,
    storage_name: storageName,
    definition: JSON.stringify(definition),
    deleted_version: ctx.version,
    deleted_at: new Date().toISOString(),
  };
}

/**
 * Adds a field's foreign key over existing values. Values naming records that no longer exist are cleared
 * where the link clears itself on delete (`setNull`); otherwise they block the change.
 */
async function attachReference(
  ctx: ApplyContext,
  object: CompiledObject,
  field: CompiledField,
  target: string,
) {
  const table = object.apiName;
  const fk = plan(ctx, object).foreignKeys.find((f) => f.column === field.name);
  if (!fk) return;
  if (fk.onDelete === 'set null')
    await ctx.db
      .updateTable(table)
      .set({ [field.name]: null })
      .where('id', 'in', danglingReferences(ctx.db, table, field.name, target).select('id'))
      .execute();
  else {
    const blockers = await danglingBlockers(ctx.db, table, field.name, target);
    if (blockers.count)
      refuse(
        `cannot link "${table}.${field.name}" to "${target}"`,
        blockers,
        'Fix or clear these values first.',
      );
  }
  await ctx.schema.addForeignKey(table, fk);
}

/** Checks every stored value against the new definition, converts it, and rewrites the column if its storage changed. */
async function changeField(ctx: ApplyContext, step: Step<'change_field'>) {
  const dialect: DialectName = ctx.storage.dialect;
  const fromObject = objectById(ctx.baseline, step.objectId);
  const from = fieldById(fromObject, step.fieldId);
  const { object, field: to } = nextField(ctx, step);
  const fromColumn = from.columns?.[dialect];
  const toColumn = to.columns?.[dialect];
  const table = object.apiName;
  // A stored formula's values are derived: its column is made anew and the deploy computes them again.
  if (to.type === 'formula') {
    if (fromColumn) await ctx.schema.dropColumn(table, to.name);
    const column = plan(ctx, object).columns.find((c) => c.fieldId === to.id);
    if (column) await ctx.schema.addColumn(table, column);
    return;
  }
  if (!fromColumn || !toColumn) return;
  const what = `cannot change "${table}.${to.name}"${from.type === to.type ? '' : ` from ${from.type} to ${to.type}`}`;

  if (to.required && !from.required) {
    const blockers = await nullBlockers(ctx.db, table, to.name);
    if (blockers.count)
      refuse(`cannot make "${table}.${to.name}" required`, blockers, 'Give them a value first.');
  }
  const rows = await ctx.db
    .selectFrom(table)
    .select(['id', to.name])
    .where(to.name, 'is not', null)
    .orderBy('id')
    .execute();
  const blockers: Blockers = { count: 0, samples: [] };
  const converted: [string, unknown][] = [];
  for (const row of rows) {
    const id = String(row.id);
    const value = fromColumn.decode(row[to.name]);
    const result = convertValue(value, from, to);
    const reason = result.ok ? object.checkValue(to.name, result.value)?.message : result.reason;
    if (reason !== undefined) {
      blockers.count++;
      if (blockers.samples.length < SAMPLE_SIZE) blockers.samples.push({ id, value, reason });
    } else converted.push([id, toColumn.encode((result as { value: unknown }).value)]);
  }
  if (blockers.count) refuse(what, blockers, 'Fix these values or choose a type they fit.');
  if (fromColumn.key === toColumn.key && fromColumn.sql === toColumn.sql) return;
  await ctx.schema.resetColumnType(table, to.name, toColumn);
  await ctx.storage.writeColumn(ctx.db, table, to.name, converted, toColumn);
}

export async function applyPlan(ctx: ApplyContext, migration: MigrationPlan): Promise<void> {
  // The baseline holds the objects this plan restores (their definitions come from the trash): their tables
  // exist once their own step has run.
  const restored = new Set(migration.steps.flatMap((s) => (s.kind === 'restore_object' ? [s.object] : [])));
  const tables = new Set([...ctx.baseline.objects.keys()].filter((name) => !restored.has(name)));
  const state: ApplyState = { tables, waitingLinks: [] };
  for (const [index, step] of migration.steps.entries()) {
    await ctx.onStep?.(step, index);
    await (RUNNERS[step.kind] as Runner<StepKind>)(ctx, step, state);
  }
}
