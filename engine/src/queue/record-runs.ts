/**
 * Recording what automations did and queued, inside the transaction of the write that triggered them: the
 * runs and their jobs commit with the write or not at all. Nothing here runs a job; the worker does, after
 * commit.
 */
import { CompiledQuery } from 'kysely';
import { recordIdAt } from '../records/record-ids.js';
import type { DialectName } from '../storage/column-type.js';
import type { AnyDb } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { isoAt } from './clock.js';
import { signalEnqueued } from './enqueue-signal.js';
import { JOBS, type JobRow, RUNS, type RunRow, type RunSubject } from './queue-tables.js';
import { ATTEMPTS_PER_JOB } from './retry-schedule.js';
import type { RunAction } from './run-actions.js';
import { settleRuns } from './settle-runs.js';

/** One action to carry out after commit. */
export interface JobInput {
  /** The action's index in the automation's `actions`. */
  actionIndex: number;
  /** The executor that carries it out: `webhook`, `notify`, `create_record`, … */
  type: string;
  /** JSON-serializable; what the executor needs, built now (a webhook's body, a notification's text). */
  payload: unknown;
  /** Milliseconds since the epoch; now when absent (relative triggers plan ahead). */
  runAt?: number;
  /** Recording a job with the same key cancels the pending one first (a relative trigger re-planned). */
  replaceKey?: string;
}

/** One automation's run on one record. */
export interface RunInput extends RunSubject {
  /** Actions already carried out in the write's transaction (before-save changes). */
  inTransaction?: readonly { index: number; type: string }[];
  jobs?: readonly JobInput[];
  /** The run was refused with this error (e.g. a chain too deep): recorded `failed`, nothing queued. */
  failed?: string;
}

export interface RecordedRun {
  runId: string;
  /** The delivery ids, in the order of `RunInput.jobs`. */
  jobIds: string[];
}

// Rows per insert statement: well under both dialects' limits on bound parameters.
const CHUNK = 200;

const RUN_COLUMNS = [
  'id',
  'automation',
  'object',
  'record_id',
  'trigger',
  'actor',
  'depth',
  'status',
  'error',
  'created_at',
  'finished_at',
  'duration_ms',
  'actions',
] as const satisfies readonly (keyof RunRow)[];

const JOB_COLUMNS = [
  'id',
  'run_id',
  'action_index',
  'type',
  'payload',
  'status',
  'attempts',
  'max_attempts',
  'run_at',
  'lease_until',
  'locked_by',
  'last_error',
  'replace_key',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof JobRow)[];

/**
 * Most writes record one run and a job or two: building and compiling the same INSERT with Kysely each time
 * cost more than running it. The statement for a table, dialect and row count is compiled once.
 */
const insertSql = new Map<string, string>();

async function insertRows<Row>(
  trx: AnyDb,
  dialect: DialectName,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const text = getOrCreate(insertSql, `${dialect}:${table}:${chunk.length}`, () => {
      // Placeholder values only shape the statement: each becomes one bound parameter.
      const row = Object.fromEntries(columns.map((c) => [c, 0]));
      return trx
        .insertInto(table)
        .values(chunk.map(() => row))
        .compile().sql;
    });
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(row[column]);
    await trx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/**
 * Records runs and their jobs in `trx`, the write's transaction (on `dialect`). `now` is milliseconds since
 * the epoch.
 */
export async function recordRuns(
  trx: AnyDb,
  dialect: DialectName,
  runs: readonly RunInput[],
  now: number,
): Promise<RecordedRun[]> {
  if (!runs.length) return [];
  const at = isoAt(now);
  const runRows: RunRow[] = [];
  const jobRows: JobRow[] = [];
  const recorded: RecordedRun[] = [];
  for (const run of runs) {
    const runId = recordIdAt(now);
    const jobs = run.failed ? [] : (run.jobs ?? []);
    const jobIds = jobs.map(() => recordIdAt(now));
    const actions: RunAction[] = [
      ...(run.failed ? [] : (run.inTransaction ?? [])).map(
        (a): RunAction => ({ index: a.index, type: a.type, inTransaction: true }),
      ),
      ...jobs.map((j, i): RunAction => ({ index: j.actionIndex, type: j.type, jobId: jobIds[i] as string })),
    ].sort((a, b) => a.index - b.index);
    const finished = run.failed !== undefined || jobs.length === 0;
    runRows.push({
      id: runId,
      automation: run.automation,
      object: run.object,
      record_id: run.recordId,
      trigger: run.trigger,
      actor: run.actor,
      depth: run.depth,
      status: run.failed !== undefined ? 'failed' : finished ? 'done' : 'pending',
      error: run.failed ?? null,
      created_at: at,
      finished_at: finished ? at : null,
      duration_ms: finished ? 0 : null,
      actions: JSON.stringify(actions),
    });
    jobs.forEach((job, i) => {
      jobRows.push({
        id: jobIds[i] as string,
        run_id: runId,
        action_index: job.actionIndex,
        type: job.type,
        payload: JSON.stringify(job.payload ?? null),
        status: 'pending',
        attempts: 0,
        max_attempts: ATTEMPTS_PER_JOB,
        run_at: isoAt(job.runAt ?? now),
        lease_until: null,
        locked_by: null,
        last_error: null,
        replace_key: job.replaceKey ?? null,
        created_at: at,
        updated_at: at,
      });
    });
    recorded.push({ runId, jobIds });
  }
  const keys = jobRows.flatMap((j) => (j.replace_key === null ? [] : [j.replace_key]));
  if (keys.length) await cancelJobs(trx, keys, now);
  await insertRows(trx, dialect, RUNS, RUN_COLUMNS, runRows);
  await insertRows(trx, dialect, JOBS, JOB_COLUMNS, jobRows);
  if (jobRows.length) signalEnqueued();
  return recorded;
}

/**
 * Cancels the pending jobs planned under `replaceKey` (one key or several), e.g. a relative trigger's when its
 * record no longer matches or is deleted. A job already running finishes. Returns how many were cancelled.
 */
export async function cancelJobs(
  trx: AnyDb,
  replaceKey: string | readonly string[],
  now: number,
): Promise<number> {
  const keys = typeof replaceKey === 'string' ? [replaceKey] : [...new Set(replaceKey)];
  if (!keys.length) return 0;
  const cancelled = await trx
    .updateTable(JOBS)
    .set({ status: 'cancelled', updated_at: isoAt(now) })
    .where('replace_key', 'in', keys)
    .where('status', '=', 'pending')
    .returning('run_id')
    .execute();
  await settleRuns(
    trx,
    cancelled.map((j) => String(j.run_id)),
    now,
  );
  return cancelled.length;
}
