/**
 * The search index's tables, one per object, and what differs between the dialects about them.
 *
 * Why one index per object, named `tessera_search_<object id>`: a search asks every object the user may read
 * for its first few matches, so each of those questions should touch only that object's entries (a word
 * frequent in one object then costs nothing in the others, and SQLite's full-text tables have no secondary
 * index to narrow a shared one by object). Named by the object's stable id, not its API name, so renaming an
 * object keeps its index. They are owned by the search module, not by the object's table plan: they hold
 * derived data, rebuilt from the object's rows whenever the fields they hold change (reconcile-indexes.ts),
 * so the metadata migrator never plans them, the trash never keeps them (a restored object is indexed anew),
 * and their shape can change without a migration of anyone's data.
 *
 * An index table holds, per record, its id and the text of each indexed field in a column named after the
 * field: a search matches only the columns of fields the user may read (field-level security), and the
 * columns name the field that matched. Writes maintain it through the write pipeline (index-records.ts).
 */
import { sql } from 'kysely';
import { compactId } from '../model/table-plan.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { postgresSearch } from './postgres-search-table.js';
import type { SearchDialect } from './search-dialect.js';
import { sqliteSearch } from './sqlite-search-table.js';

export const searchTableName = (objectId: string): string => `tessera_search_${compactId(objectId)}`;

export const searchDialect = (dialect: DialectName): SearchDialect =>
  dialect === 'postgres' ? postgresSearch : sqliteSearch;

/** Writes the index of every record of `objectTable` (a rebuild): one statement, inside the database. */
export async function fillIndex(
  db: AnyDb,
  table: string,
  objectTable: string,
  columns: readonly string[],
): Promise<void> {
  const targets = sql.join([sql.id('record_id'), ...columns.map((c) => sql.id(c))]);
  const sources = sql.join([sql.id('id'), ...columns.map((c) => sql.id(c))]);
  await sql`insert into ${sql.table(table)} (${targets}) select ${sources} from ${sql.table(objectTable)}`.execute(
    db,
  );
}
