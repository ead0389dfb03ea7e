/**
 * Statements the record API runs over and over (a get by id, a list's first page) are prepared once per
 * connection. PostgreSQL otherwise parses and plans each one again, and for a query carrying a sharing scope
 * planning costs several times what running it does. The caller registers which texts are worth it, with a
 * key (the metadata version): a text whose tables have changed since is prepared afresh under a new name.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Texts are few (objects × sharing shapes × sorts); the bound only guards against a runaway caller. */
const MAX_STATEMENTS = 2000;

export class PreparedStatements {
  /** By text: the name it runs under now, and the key that name was made for. */
  readonly #names = new Map<string, { key: string; name: string }>();

  register(text: string, key: string): void {
    if (this.#names.get(text)?.key === key) return;
    if (this.#names.size >= MAX_STATEMENTS) this.#names.clear();
    const name = `tx_${createHash('sha1').update(`${key}\u0000${text}`).digest('hex').slice(0, 24)}`;
    this.#names.set(text, { key, name });
  }

  /** Makes the client run registered texts as named (prepared) statements. */
  attach(client: pg.PoolClient): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((text: unknown, values: unknown, callback: unknown) => {
      const name = typeof text === 'string' ? this.#names.get(text)?.name : undefined;
      if (name) return query({ name, text, values });
      return callback === undefined ? query(text, values) : query(text, values, callback);
    }) as typeof client.query;
  }
}
