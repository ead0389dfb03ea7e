/**
 * Columns of stored formulas, created where missing and filled: a workspace made before a formula could be
 * stored (or by an older Tessera) gets them when it is next opened, so an upgrade never leaves a read
 * selecting a column that is not there.
 */
import { refreshStoredFormulas } from '../formulas/stored-formula-values.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { AnyDb, SchemaEditor, Storage } from '../storage/storage.js';

export async function ensureStoredFormulaColumns(
  storage: Storage,
  db: AnyDb,
  schema: SchemaEditor,
  model: CompiledModel,
): Promise<void> {
  for (const object of model.objects.values()) {
    const stored = [...object.fields.values()].filter((f) => f.type === 'formula' && f.columns);
    if (!stored.length) continue;
    const existing = await schema.columnNames(object.apiName);
    const missing = stored.filter((f) => !existing.has(f.name));
    if (!missing.length) continue;
    const plan = object.table(storage.dialect);
    for (const field of missing) {
      const column = plan.columns.find((c) => c.fieldId === field.id);
      if (column) await schema.addColumn(object.apiName, column);
    }
    await refreshStoredFormulas(storage, db, model, object, undefined);
  }
}
