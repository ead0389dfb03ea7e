/**
 * SQLite: the index is a plain table (record id and field texts) and an FTS5 table over it with the trigram
 * tokenizer, kept in step by triggers on the plain table. Trigrams find a word anywhere inside a text, which is
 * what Chinese names need (no spaces between words: "华联" inside "上海华联超市"), and any substring of Latin
 * text too. A term shorter than three characters has no trigram: it is matched with LIKE on the same table,
 * which FTS5 answers by reading the texts.
 */
import { type SqlBool, sql } from 'kysely';
import type { AnyDb } from '../storage/storage.js';
import { containsPattern, type SearchDialect, type Term } from './search-dialect.js';

const fts = (table: string) => `${table}_fts`;

/** An FTS5 string: double quotes doubled, so the term is one phrase whatever it holds. */
const phrase = (term: Term) => `"${term.replaceAll('"', '""')}"`;

const TRIGRAM = 3;

export const sqliteSearch: SearchDialect = {
  async create(db: AnyDb, table: string, columns: readonly string[]): Promise<void> {
    const t = sql.table(table);
    const f = sql.table(fts(table));
    const cols = sql.join(columns.map((c) => sql.id(c)));
    const texts = sql.join(columns.map((c) => sql`${sql.id(c)} text`));
    const values = (row: 'new' | 'old') => sql.join(columns.map((c) => sql`${sql.raw(row)}.${sql.id(c)}`));
    // The plain table's integer key is the FTS5 row id: a record's entry is found by its id through the
    // unique index, and its FTS5 row by that key.
    await sql`create table ${t} (doc_id integer primary key, record_id text not null unique, ${texts})`.execute(
      db,
    );
    await sql`create virtual table ${f} using fts5(${cols}, content=${sql.lit(table)}, content_rowid='doc_id', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${table}_ai`)} after insert on ${t} begin
      insert into ${f} (rowid, ${cols}) values (new.doc_id, ${values('new')}); end`.execute(db);
    await sql`create trigger ${sql.id(`${table}_ad`)} after delete on ${t} begin
      insert into ${f} (${f}, rowid, ${cols}) values ('delete', old.doc_id, ${values('old')}); end`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${table}_au`)} after update on ${t} begin
      insert into ${f} (${f}, rowid, ${cols}) values ('delete', old.doc_id, ${values('old')});
      insert into ${f} (rowid, ${cols}) values (new.doc_id, ${values('new')}); end`.execute(db);
  },

  async drop(db: AnyDb, table: string): Promise<void> {
    await sql`drop table if exists ${sql.table(fts(table))}`.execute(db);
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  },

  matching(db: AnyDb, table: string, columns: readonly string[], terms: readonly Term[]) {
    const long = terms.filter((t) => [...t].length >= TRIGRAM);
    const short = terms.filter((t) => [...t].length < TRIGRAM);
    const parts = [];
    // `{a b} : "x"`: only the columns of fields the user may read are matched.
    const colset = `{${columns.join(' ')}}`;
    if (long.length)
      parts.push(
        sql<SqlBool>`${sql.table(fts(table))} match ${long.map((t) => `${colset} : ${phrase(t)}`).join(' AND ')}`,
      );
    for (const term of short)
      parts.push(
        sql<SqlBool>`(${sql.join(
          columns.map((c) => sql`${sql.ref(`${fts(table)}.${c}`)} like ${containsPattern(term)} escape '\\'`),
          sql` or `,
        )})`,
      );
    return db
      .selectFrom(fts(table))
      .innerJoin(table, `${table}.doc_id`, `${fts(table)}.rowid`)
      .where(sql<SqlBool>`(${sql.join(parts, sql` and `)})`);
  },
};
