/**
 * A batch of records written through the record API's pipeline (validation, duplicate rules, roll-ups,
 * automations: as any write), with its bad rows isolated: the batch runs behind a savepoint; a refusal that
 * names its rows (`/records/3/…`) reports them, rolls back and writes the others again; one that names none
 * (a unique index) is narrowed down by halves to the row it is about. With rules reported (migration mode) the
 * rules written rows break are listed beside the errors.
 */
import { sql } from 'kysely';
import { type Issue, isTesseraError } from '../errors.js';
import type { RecordApi, RecordData } from '../records/record-api.js';
import type { AnyDb } from '../storage/storage.js';
import type { ImportRowError } from './import-types.js';

export interface RowWrite {
  line: number;
  record: RecordData;
}

export interface WriteTarget {
  db: AnyDb;
  records: RecordApi;
  object: string;
  operation: 'create' | 'update';
  /** The column that filled each field, for errors. */
  columnOf: (field: string) => string | null;
  /** Rules reported, not enforced: where the rules written rows break go (messages as the record API wrote them). */
  violations?: ImportRowError[];
}

/** Writes the rows it can; answers how many. */
export async function writeRows(
  rows: readonly RowWrite[],
  target: WriteTarget,
  errors: ImportRowError[],
): Promise<number> {
  if (!rows.length) return 0;
  const { db } = target;
  await sql`savepoint import_rows`.execute(db);
  // Fresh for each attempt: what a refused (rolled back) attempt noted is not what was written.
  const ruleViolations: Issue[] | undefined = target.violations ? [] : undefined;
  try {
    await target.records.bulk(
      target.object,
      { operation: target.operation, records: rows.map((r) => r.record) },
      ruleViolations ? { ruleViolations } : {},
    );
    await sql`release savepoint import_rows`.execute(db);
    for (const issue of ruleViolations ?? []) target.violations?.push(atLine(issue, rows, target));
    return rows.length;
  } catch (error) {
    await sql`rollback to savepoint import_rows`.execute(db);
    await sql`release savepoint import_rows`.execute(db);
    if (!isTesseraError(error)) throw error;
    const refused = refusedRows(error.issues);
    if (refused.size || rows.length === 1) {
      const issues = error.issues.length
        ? error.issues
        : [{ pointer: '', code: error.code, message: error.message }];
      for (const issue of issues) errors.push(atLine(issue, rows, target));
      const rest = rows.filter((_, index) => !refused.has(index));
      return rows.length === 1 ? 0 : writeRows(rest, target, errors);
    }
    const half = Math.ceil(rows.length / 2);
    return (
      (await writeRows(rows.slice(0, half), target, errors)) +
      (await writeRows(rows.slice(half), target, errors))
    );
  }
}

const ITEM = /^\/records\/(\d+)(?:\/([^/]*))?/;

function refusedRows(issues: readonly Issue[]): Set<number> {
  return new Set(issues.flatMap((i) => ITEM.exec(i.pointer)?.[1] ?? []).map(Number));
}

/** A record API issue (`/records/3/amount`, or `/amount` for a batch of one) as a row error of the file. */
function atLine(issue: Issue, rows: readonly RowWrite[], target: WriteTarget): ImportRowError {
  const item = ITEM.exec(issue.pointer);
  const row = item ? rows[Number(item[1])] : rows[0];
  const field = (item ? item[2] : issue.pointer.split('/')[1]) || null;
  return {
    line: row?.line ?? 0,
    column: field ? target.columnOf(field) : null,
    field,
    code: issue.code,
    message: issue.message,
  };
}
