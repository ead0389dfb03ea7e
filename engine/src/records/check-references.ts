/**
 * Every value a write gives a reference field (lookup, master-detail, user) must name a row of the field's
 * target table; where the target says a row must be set (`mustBeSet`: a user must be active), a value the
 * record did not hold before must name such a row. One query per referenced field for the whole batch.
 */
import type { Issue } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';
import type { AnyDb } from '../storage/storage.js';

/** Ids per `in` list, well under every driver's parameter limit. */
const IDS_PER_QUERY = 30_000;

export async function referenceIssues(
  trx: AnyDb,
  object: CompiledObject,
  rows: readonly Record<string, unknown>[],
  pointerOf: (index: number) => string,
  locale: string,
  /** The records as they were (an update), in the order of `rows`: the values they hold stay allowed. */
  priors?: readonly Record<string, unknown>[],
): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const field of object.fields.values()) {
    const { reference } = field;
    if (!reference) continue;
    const ids = [
      ...new Set(rows.map((r) => r[field.name]).filter((v): v is string => typeof v === 'string')),
    ];
    if (!ids.length) continue;
    const { mustBeSet } = reference;
    /** Each id found, with whether it may be newly given. */
    const found = new Map<string, boolean>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const existing = await trx
        .selectFrom(reference.table)
        .select(mustBeSet ? ['id', mustBeSet] : ['id'])
        .where('id', 'in', ids.slice(i, i + IDS_PER_QUERY))
        .execute();
      for (const r of existing) found.set(String(r.id), !mustBeSet || Number(r[mustBeSet]) === 1);
    }
    rows.forEach((r, index) => {
      const value = r[field.name];
      if (typeof value !== 'string' || found.get(value) === true) return;
      if (found.has(value) && priors?.[index]?.[field.name] === value) return;
      const problem = reference.problem(value, found.has(value));
      issues.push({
        pointer: `${pointerOf(index)}/${field.name}`,
        code: problem.code,
        message: problem.message(locale),
      });
    });
  }
  return issues;
}
