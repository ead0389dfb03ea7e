/**
 * The current row of a record the caller may take an action on, read inside the write's transaction: what
 * updates, deletes, transfers and sharing start from.
 */
import { CompiledQuery } from 'kysely';
import type { Access } from '../access/access.js';
import type { RecordScope } from '../access/record-scope.js';
import { TesseraError } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { frozenScope } from './frozen-scope.js';
import { notFound } from './record-errors.js';

export type RecordAction = 'edit' | 'delete' | 'share';

const columnsByIdSql = new WeakMap<CompiledObject, Map<string, string>>();

/** `select <columns> from <table> where id = ?`, compiled once per object and list of columns. */
function columnsByIdStatement(db: AnyDb, object: CompiledObject, columns: readonly string[], id: string) {
  // Plain lookups, no closures: this runs on every write (tsx names every closure it creates).
  let texts = columnsByIdSql.get(object);
  if (!texts) {
    texts = new Map();
    columnsByIdSql.set(object, texts);
  }
  const key = columns.join(',');
  let text = texts.get(key);
  if (text === undefined) {
    text = db.selectFrom(object.apiName).select(columns).where('id', '=', '').compile().sql;
    texts.set(key, text);
  }
  return CompiledQuery.raw(text, [id]);
}

/** A record they cannot read is not found; one they read but may not change is forbidden. */
export async function reachable(
  storage: Storage,
  trx: AnyDb,
  access: Access,
  object: CompiledObject,
  view: CompiledObject,
  id: string,
  action: RecordAction,
  columns: readonly string[],
): Promise<Record<string, unknown>> {
  const read = frozenScope(storage, access, view, 'read', true);
  // Only owners, the managers above them and modify-all users delete a record or decide who else sees it.
  const may = frozenScope(storage, access, view, action === 'edit' ? 'edit' : 'delete', true);
  if (read === undefined && may === undefined) {
    // Nothing to check but that it exists (an admin, a token, modify-all): a statement compiled once.
    const [row] = (await trx.executeQuery(columnsByIdStatement(trx, object, columns, id))).rows as Record<
      string,
      unknown
    >[];
    if (!row) throw notFound(object, id);
    return row;
  }
  const row = await trx
    .selectFrom(object.apiName)
    .select(columns)
    .$if(may !== undefined, (q) =>
      q.select((eb) =>
        eb
          .case()
          .when((may as RecordScope)(eb))
          .then(1)
          .else(0)
          .end()
          .as('_may'),
      ),
    )
    .where('id', '=', id)
    .$if(read !== undefined, (q) => q.where(read as RecordScope))
    .executeTakeFirst();
  if (!row) throw notFound(object, id);
  if (may !== undefined && Number(row._may) !== 1)
    throw new TesseraError('forbidden', `you may not ${action} this ${object.apiName} record`);
  delete row._may;
  return row;
}
