/**
 * Questions the migrator asks of the data before a change that could strand or break it. Each answers with a
 * count and a few examples, so a refusal can say how many records block the change and show some.
 */
import { sql } from 'kysely';
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

export async function nullBlockers(db: AnyDb, table: string, column: string): Promise<Blockers> {
  const count = await db
    .selectFrom(table)
    .select(({ fn }) => fn.countAll().as('n'))
    .where(column, 'is', null)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where(column, 'is', null)
    .orderBy('id')
    .limit(SAMPLE_SIZE)
    .execute();
  return {
    count: Number(count.n),
    samples: rows.map((r) => ({ id: String(r.id), value: null, reason: 'has no value' })),
  };
}

export async function duplicateBlockers(db: AnyDb, table: string, column: string): Promise<Blockers> {
  const dupes = db
    .selectFrom(table)
    .select(column)
    .where(column, 'is not', null)
    .groupBy(column)
    .having(({ fn }) => fn.countAll(), '>', 1);
  const count = await db
    .selectFrom(table)
    .select(({ fn }) => fn.countAll().as('n'))
    .where(column, 'in', dupes)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom(table)
    .select(['id', sql.ref(column).as('value')])
    .where(column, 'in', dupes)
    .orderBy(column)
    .orderBy('id')
    .limit(SAMPLE_SIZE)
    .execute();
  return {
    count: Number(count.n),
    samples: rows.map((r) => ({
      id: String(r.id),
      value: r.value,
      reason: 'is also the value of another record',
    })),
  };
}

/** Values that name no record of the target table. */
export function danglingReferences(db: AnyDb, table: string, column: string, target: string) {
  return db
    .selectFrom(table)
    .where(column, 'is not', null)
    .where(column, 'not in', db.selectFrom(target).select('id'));
}

export async function danglingBlockers(
  db: AnyDb,
  table: string,
  column: string,
  target: string,
): Promise<Blockers> {
  const count = await danglingReferences(db, table, column, target)
    .select(({ fn }) => fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await danglingReferences(db, table, column, target)
    .select(['id', sql.ref(column).as('value')])
    .orderBy('id')
    .limit(SAMPLE_SIZE)
    .execute();
  return {
    count: Number(count.n),
    samples: rows.map((r) => ({
      id: String(r.id),
      value: r.value,
      reason: `names no ${target} record`,
    })),
  };
}
