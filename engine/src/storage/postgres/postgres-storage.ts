/**
 * A workspace in one PostgreSQL schema. The pool's connections have the schema as their `search_path`, so
 * every statement above this layer is the same on both dialects.
 */
import { Kysely, PostgresDialect, type SqlBool, sql } from 'kysely';
import pg from 'pg';
import type { AnyDb, ConstraintViolation, Storage } from '../storage.js';
import { postgresSchemaEditor } from './postgres-schema-editor.js';
import { PreparedStatements } from './prepared-statements.js';

/**
 * Values come back as the codecs expect them: dates as `YYYY-MM-DD` text (never a JavaScript Date at local
 * midnight, which shifts a day across time zones), bigints as numbers, numerics as exact text. Instants
 * (timestamptz) keep pg's Date, which the column codec turns into ISO 8601 UTC.
 */
const PARSERS: Record<number, (v: string) => unknown> = {
  1082: (v) => v, // date
  20: (v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n))
      throw new RangeError(`integer ${v} is outside the exact range of JSON numbers`);
    return n;
  },
};
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** PostgreSQL schema names we create: `ws_` and the workspace name, checked so it is a plain identifier. */
export const WORKSPACE_SCHEMA = /^[a-z][a-z0-9_]{0,55}$/;
const BATCH = 1000;

export async function openPostgresStorage(connectionString: string, schema: string): Promise<Storage> {
  if (!WORKSPACE_SCHEMA.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  // Create the schema first on a plain connection, so the pool's search_path names an existing schema.
  const setup = new pg.Client({ connectionString });
  await setup.connect();
  try {
    await setup.query(`create schema if not exists "${schema}"`);
  } catch (e) {
    // Two processes opening a new workspace at once: the loser of the race finds the schema made.
    if ((e as { code?: string }).code !== '23505' && (e as { code?: string }).code !== '42P06') throw e;
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString, types, max: 10, options: `-c search_path="${schema}"` });
  const prepared = new PreparedStatements();
  pool.on('connect', (client) => prepared.attach(client));
  const db: AnyDb = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const migrations = migrationListener(connectionString, schema);
  return {
    dialect: 'postgres',
    db,
    location: `schema "${schema}"`,
    // The advisory lock queues concurrent migrations of this schema, from any process, behind each other.
    migrate: (fn) =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(current_schema()))`.execute(trx);
        const result = await fn(trx, postgresSchemaEditor(trx));
        // Delivered to the listeners when, and only if, the migration commits.
        await sql`select pg_notify(${MIGRATION_CHANNEL}, current_schema())`.execute(trx);
        return result;
      }),
    transaction: (fn) => db.transaction().execute(fn),
    // The shared side of the migrations' advisory lock: in memory, so writers never contend with each other.
    writeTransaction: (fn) =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock_shared(hashtext(current_schema()))`.execute(trx);
        return fn(trx);
      }),
    writeColumn: async (trx, table, column, rows, type) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        const values = sql.join(rows.slice(i, i + BATCH).map(([id, value]) => sql`(${id}, ${value})`));
        await trx
          .updateTable(table)
          .from(sql`(values ${values})`.as(sql`v(id, val)` as never))
          .set({ [column]: sql`v.val::${sql.raw(type.sql)}` })
          .whereRef(`${table}.id` as never, '=', sql`v.id::uuid` as never)
          .execute();
      }
    },
    violation: postgresViolation,
    onMigration: (listener) => migrations.subscribe(listener),
    optimize: async () => {},
    prepare: (text, key) => prepared.register(text, key),
    arrayContains: (column, value) => sql<SqlBool>`${sql.ref(column)} @> ${JSON.stringify([value])}::jsonb`,
    // pg sends a JS array as an array literal; PostgreSQL takes it as an array of the column's type.
    oneOf: (column, values) => sql<SqlBool>`${sql.ref(column)} = any(${values})`,
    close: async () => {
      await migrations.close();
      await db.destroy();
    },
  };
}

const MIGRATION_CHANNEL = 'tessera_migration';

/**
 * One LISTEN connection per open workspace, made on first subscription: other processes' migrations of this
 * schema arrive within milliseconds of their commit.
 */
function migrationListener(connectionString: string, schema: string) {
  const listeners = new Set<() => void>();
  let client: Promise<pg.Client> | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString });
    await c.connect();
    c.on('notification', (n) => {
      if (n.channel === MIGRATION_CHANNEL && n.payload === schema) for (const l of listeners) l();
    });
    await c.query(`listen ${MIGRATION_CHANNEL}`);
    return c;
  };
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      client ??= connect();
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      if (client) await (await client).end();
    },
  };
}

function postgresViolation(error: unknown): ConstraintViolation | undefined {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e?.code === '23505') return { kind: 'unique', ...(e.constraint ? { constraint: e.constraint } : {}) };
  if (e?.code === '23503')
    return { kind: 'foreign_key', ...(e.constraint ? { constraint: e.constraint } : {}) };
  return undefined;
}
