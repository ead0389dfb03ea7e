/**
 * PostgreSQL: the index is a plain table (record id and field texts) with one GIN trigram index over its
 * columns (pg_trgm), which serves `ILIKE '%word%'`: a word anywhere inside a text, Chinese names included. On
 * a server without pg_trgm (see migration 0006) the table has no such index and a search scans it; slower,
 * same answers.
 */
import { type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../storage/storage.js';
import { containsPattern, type SearchDialect, type Term } from './search-dialect.js';

/** The schema pg_trgm is installed in, if it is: its operator class is named with it. */
async function trigramSchema(db: AnyDb): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema;
}

export const postgresSearch: SearchDialect = {
  async create(db: AnyDb, table: string, columns: readonly string[]): Promise<void> {
    const texts = sql.join(columns.map((c) => sql`${sql.id(c)} text`));
    await sql`create table ${sql.table(table)} (record_id uuid primary key, ${texts})`.execute(db);
    const schema = await trigramSchema(db);
    if (!schema) return;
    const ops = sql.join(columns.map((c) => sql`${sql.id(c)} ${sql.id(schema)}.gin_trgm_ops`));
    // Without fastupdate, a write goes straight into the index: with it, new entries wait in a pending list
    // that every search reads through until a vacuum merges it (after a bulk load, 100 ms and more a search).
    await sql`create index ${sql.id(`${table}_trgm`)} on ${sql.table(table)} using gin (${ops}) with (fastupdate = off)`.execute(
      db,
    );
  },

  async drop(db: AnyDb, table: string): Promise<void> {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  },

  /**
   * The matching rows are a subquery the planner may not merge into the caller's (`offset 0`): merged, the
   * caller's LIMIT makes it expect a word it deems rare early in a scan of the table, and it reads every row
   * for a word that is in none (700 ms at 200,000 records, against 8 ms through the trigram index). Apart,
   * the subquery is planned for all its rows: through the index for a rare word, a scan that stops at
   * the first few for a frequent one.
   */
  matching(db: AnyDb, table: string, columns: readonly string[], terms: readonly Term[]) {
    const matches = sql<SqlBool>`(${sql.join(
      terms.map(
        (term) =>
          sql`(${sql.join(
            columns.map((c) => sql`${sql.ref(c)} ilike ${containsPattern(term)}`),
            sql` or `,
          )})`,
      ),
      sql` and `,
    )})`;
    return db.selectFrom(db.selectFrom(table).selectAll().where(matches).offset(0).as(table));
  },
};
