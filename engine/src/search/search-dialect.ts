/** What the two dialects' search indexes each do their own way (sqlite-search-table.ts, postgres-search-table.ts). */
import type { SelectQueryBuilder } from 'kysely';
import type { AnyDb } from '../storage/storage.js';

// biome-ignore lint/suspicious/noExplicitAny: a query over tables known only from metadata.
export type AnySelect = SelectQueryBuilder<any, any, any>;

/** One search term as a query holds it: lower-cased, at most a line long. */
export type Term = string;

export interface SearchDialect {
  /** Creates the empty index table (and what serves its matches) for the given field columns. */
  create(db: AnyDb, table: string, columns: readonly string[]): Promise<void>;
  drop(db: AnyDb, table: string): Promise<void>;
  /**
   * A query of the index table's rows where every term occurs in one of `columns`, in any case; its columns
   * are named `<table>.<column>`, for the caller to join the object's table and select.
   */
  matching(db: AnyDb, table: string, columns: readonly string[], terms: readonly Term[]): AnySelect;
}

/** `%term%` for LIKE, with LIKE's own wildcards in the term matched as themselves (escape `\`). */
export const containsPattern = (term: Term): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
