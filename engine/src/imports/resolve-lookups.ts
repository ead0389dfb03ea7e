/**
 * Lookup and user cells resolved to ids, a batch at a time: one query per lookup column per batch, never one
 * per row. A cell holds the target's id, or its name (a name two records share is ambiguous), or in a
 * `<lookup>.<field>` column the value of that unique field; a user cell holds the user's id or e-mail. Only
 * records the caller may read are found.
 *
 * A file names the same few targets again and again (a thousand accounts for a million contacts): the cells
 * one batch resolved are remembered for the next (`LookupMemory`), so later batches query only new cells. A
 * remembered id is still checked by the write, as every reference is (records/check-references.ts): a target
 * deleted meanwhile is refused, not linked. Links to the imported object itself are never remembered: the
 * import's own rows may make a name ambiguous.
 */
import type { Access } from '../access/access.js';
import type { RecordScope } from '../access/record-scope.js';
import { valueFromText } from '../fields/registry.js';
import { frozenScope } from '../records/frozen-scope.js';
import { UUID } from '../records/record-errors.js';
import { rowCodec } from '../records/row-codec.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import type { ColumnPlan, ImportColumn } from './column-mapping.js';
import { importMessage } from './import-messages.js';
import type { CellFormats, ImportRowError } from './import-types.js';
import { type PendingRow, rowError } from './row-values.js';

const AMBIGUOUS = Symbol('ambiguous');
type Found = Map<string, string | typeof AMBIGUOUS>;

/** Key values per query: a batch's worth, under every driver's parameter limit. */
const KEYS_PER_QUERY = 1000;
/** Cells remembered per column: enough for any list of targets a file repeats, bounded for one that never does. */
const REMEMBERED_CELLS = 20_000;

/** The ids found for each lookup column's cells in earlier batches of one import. */
export type LookupMemory = Map<ImportColumn, Map<string, string>>;

export interface LookupContext {
  db: AnyDb;
  storage: Storage;
  access: Access;
  formats: CellFormats;
  /** The importer's language, for row messages. */
  locale: string;
  /** The object imported into (links to it are not remembered). */
  object: string;
  memory: LookupMemory;
}

/** The rows whose every lookup cell names one record, those cells replaced by ids in `values`. */
export async function resolveLookups(
  rows: readonly PendingRow[],
  plan: ColumnPlan,
  ctx: LookupContext,
  errors: ImportRowError[],
): Promise<PendingRow[]> {
  const columns = plan.columns.filter((c) => c.field.reference);
  if (!columns.length) return [...rows];
  const found = new Map<ImportColumn, (cell: string) => string | typeof AMBIGUOUS | undefined>();
  for (const column of columns) found.set(column, await remembered(column, rows, ctx));
  return rows.filter((row) => {
    let resolved = true;
    for (const [column, cell] of row.refs) {
      const id = found.get(column)?.(cell);
      if (typeof id === 'string') {
        row.values[column.field.name] = id;
        continue;
      }
      resolved = false;
      const vars = { target: column.field.reference?.object ?? 'user', cell };
      errors.push(
        id === AMBIGUOUS
          ? rowError(row.line, column, 'ambiguous_lookup', importMessage(ctx.locale, 'ambiguousLookup', vars))
          : rowError(row.line, column, 'unknown_lookup', importMessage(ctx.locale, 'unknownLookup', vars)),
      );
    }
    return resolved;
  });
}

/** The column's cells found in earlier batches, and the others looked up (and remembered when found). */
async function remembered(
  column: ImportColumn,
  rows: readonly PendingRow[],
  ctx: LookupContext,
): Promise<(cell: string) => string | typeof AMBIGUOUS | undefined> {
  if (column.field.reference?.object === ctx.object) {
    const found = await idsOf(column, distinctCells(column, rows), ctx);
    return (cell) => found.get(cell);
  }
  const memory = getOrCreate(ctx.memory, column, () => new Map<string, string>());
  const found = await idsOf(
    column,
    distinctCells(column, rows).filter((c) => !memory.has(c)),
    ctx,
  );
  for (const [cell, id] of found)
    if (typeof id === 'string' && memory.size < REMEMBERED_CELLS) memory.set(cell, id);
  return (cell) => found.get(cell) ?? memory.get(cell);
}

function distinctCells(column: ImportColumn, rows: readonly PendingRow[]): string[] {
  const cells = new Set<string>();
  for (const row of rows) {
    const cell = row.refs.get(column);
    if (cell !== undefined) cells.add(cell);
  }
  return [...cells];
}

async function idsOf(column: ImportColumn, cells: readonly string[], ctx: LookupContext): Promise<Found> {
  const reference = column.field.reference;
  const found: Found = new Map();
  if (!reference || !cells.length) return found;
  const byId = column.lookupKey === 'id' || column.lookupKey === undefined;
  const ids = byId ? cells.filter((c) => UUID.test(c)) : [];
  if (!reference.object) {
    // A platform table (users): by id, or by its seed key (e-mail), only rows that may be newly given.
    const seed = reference.seed;
    const mustBeSet = reference.mustBeSet;
    const query = (column: string, values: string[]) =>
      ctx.db
        .selectFrom(reference.table)
        .select(['id', `${column} as key`])
        .where(column, 'in', values)
        .$if(mustBeSet !== undefined, (q) => q.where(mustBeSet as string, '=', 1));
    await collect(
      ids,
      (chunk) => query('id', chunk).execute(),
      found,
      (k) => k,
    );
    if (seed && column.lookupKey !== 'id') {
      const keys = new Map(cells.filter((c) => !UUID.test(c)).map((c) => [seed.normalize(c), c]));
      await collect(
        [...keys.keys()],
        (chunk) => query(seed.key, chunk).execute(),
        found,
        (k) => keys.get(k) ?? k,
      );
    }
    return found;
  }
  const target = ctx.access.model.object(reference.object);
  const scope = frozenScope(ctx.storage, ctx.access, target, 'read');
  const codec = rowCodec(target, ctx.storage.dialect);
  const keyName = column.lookupKey ?? target.document['x-tessera'].nameField;
  const query = (key: string, values: unknown[]) =>
    ctx.db
      .selectFrom(target.apiName)
      .select(['id', `${key} as key`])
      .where(key, 'in', values)
      .$if(scope !== undefined, (q) => q.where(scope as RecordScope))
      .execute();
  await collect(
    ids,
    (chunk) => query('id', chunk),
    found,
    (k) => k,
  );
  if (column.lookupKey === 'id') return found;
  // Cells that are not ids (or ids no readable record has: a name may look like one) by the key field.
  const keyField = target.fields.get(keyName);
  const keyColumn = codec.column(keyName);
  if (!keyField || !keyColumn) return found;
  // Stored values come back as the driver gives them: matched to cells by their text.
  const byText = new Map<string, string>();
  const encoded: unknown[] = [];
  for (const cell of cells) {
    if (found.has(cell)) continue;
    const value = valueFromText(keyField.type, keyField.prop, cell, ctx.formats);
    if (value === undefined) continue;
    const stored = keyColumn.encode(value);
    byText.set(String(stored), cell);
    encoded.push(stored);
  }
  await collect(
    encoded,
    (chunk) => query(keyName, chunk),
    found,
    (k) => byText.get(String(k)) ?? String(k),
  );
  return found;
}

/** Runs `query` over `values` a chunk at a time; each row's key, as the cell wrote it, names its id. */
async function collect<T>(
  values: readonly T[],
  query: (chunk: T[]) => Promise<{ id: unknown; key: unknown }[]>,
  found: Found,
  cellOf: (key: never) => string,
): Promise<void> {
  for (let start = 0; start < values.length; start += KEYS_PER_QUERY) {
    for (const row of await query(values.slice(start, start + KEYS_PER_QUERY))) {
      const cell = (cellOf as (key: unknown) => string)(row.key);
      found.set(cell, found.has(cell) ? AMBIGUOUS : String(row.id));
    }
  }
}
