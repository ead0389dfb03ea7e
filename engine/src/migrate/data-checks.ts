/**
 * Questions the migrator asks of the data before a change that could strand or break it. Each answers with a
 * count and a few examples, so a refusal can say how many records block the change and show some.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import { type Issue, TesseraError } from '../errors.js';
import type { AnyDb } from '../storage/storage.js';

export const SAMPLE_SIZE = 5;

export interface Blockers {
  count: number;
  samples: { id: string; value: unknown; reason: string }[];
}

export function refuse(what: string, blockers: Blockers, advice: string): never {
  const issues: Issue[] = blockers.samples.map((s) => ({
    pointer: `/records/${s.id}`,
    code: 'blocked',
    message: `${JSON.stringify(s.value)} ${s.reason}`,
  }));
  throw new TesseraError(
    'conversion_blocked',
    `${what}: ${blockers.count} record${blockers.count === 1 ? '' : 's'} block${blockers.count === 1 ? 's' : ''} it. ${advice}`,
    issues,
    { count: blockers.count, samples: blockers.samples },
  );
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(({ fn }) => fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts the rows `where` selects and shows a few, each with the same reason. */
// biome-ignore lint/suspicious/noExplicitAny: rows of a table known only from metadata.
type Rows = SelectQueryBuilder<any, string, object>;

async function blockers(
  db: AnyDb,
  table: string,
  column: string,
  where: (rows: Rows) => Rows,
  reason: string,
): Promise<Blockers> {
  const rows = () => where(db.selectFrom(table) as Rows);
  const count = await rows()
    .select(({ fn }) => fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const samples = await rows()
    .select(['id', sql.ref(column).as('value')])
    .orderBy('id')
    .limit(SAMPLE_SIZE)
    .execute();
  return {
    count: Number(count.n),
    samples: samples.map((r) => ({ id: String(r.id), value: r.value, reason })),
  };
}

export const nullBlockers = (db: AnyDb, table: string, column: string) =>
  blockers(db, table, column, (q) => q.where(column, 'is', null), 'has no value');

export function duplicateBlockers(db: AnyDb, table: string, column: string): Promise<Blockers> {
  const repeated = db
    .selectFrom(table)
    .select(column)
    .where(column, 'is not', null)
    .groupBy(column)
    .having(({ fn }) => fn.countAll(), '>', 1);
  return blockers(
    db,
    table,
    column,
    (q) => q.where(column, 'in', repeated),
    'is also the value of another record',
  );
}

/** Values that name no record of the target table. */
export function danglingReferences(db: AnyDb, table: string, column: string, target: string) {
  return db
    .selectFrom(table)
    .where(column, 'is not', null)
    .where(column, 'not in', db.selectFrom(target).select('id'));
}

export const danglingBlockers = (db: AnyDb, table: string, column: string, target: string) =>
  blockers(
    db,
    table,
    column,
    (q) => q.where(column, 'is not', null).where(column, 'not in', db.selectFrom(target).select('id')),
    `names no ${target} record`,
  );
