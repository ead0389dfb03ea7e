/**
 * Run history as a user may read it: an admin sees every run; anyone else only runs of records they can read
 * (the access module's read scope of the run's object, as SQL inside the same query, so paging stays exact).
 * A run of a record deleted since is visible to those who read every record of its object.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Access } from '../access/access.js';
import { TesseraError } from '../errors.js';
import type { AnyDb } from '../storage/storage.js';
import {
  ATTEMPTS,
  type AttemptRow,
  JOBS,
  type JobRow,
  type JobStatus,
  RUNS,
  type RunRow,
  type RunStatus,
  type RunTrigger,
} from './queue-tables.js';
import { jobIdsOf, type RunAction } from './run-actions.js';

export interface RunFilter {
  automation?: string;
  object?: string;
  record?: string;
  status?: RunStatus;
}

export interface RunListOptions extends RunFilter {
  limit: number;
  /** From `nextCursor` of the page before. */
  cursor?: string;
  /** Failed and dead runs before the others (each part newest first). */
  failuresFirst?: boolean;
}

export interface RunActionState {
  index: number;
  type: string;
  /** `done` for actions carried out in the write's transaction, else the job's status. */
  status: JobStatus;
  /** The delivery id, for queued actions. */
  deliveryId?: string;
  attempts?: number;
  lastError?: string | null;
}

export interface RunSummary {
  id: string;
  automation: string;
  object: string;
  recordId: string | null;
  trigger: RunTrigger;
  actor: string | null;
  depth: number;
  status: RunStatus;
  /** The run's own error (`failed`), else the last error of a job. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Attempts made by all the run's jobs. */
  attempts: number;
  actions: RunActionState[];
}

export interface AttemptInfo {
  attempt: number;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'error';
  detail: string | null;
}

export interface JobInfo {
  /** The delivery id. */
  id: string;
  actionIndex: number;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** When it is (or was last) due. */
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  history: AttemptInfo[];
}

export interface RunDetail extends RunSummary {
  jobs: JobInfo[];
}

export interface RunPage {
  data: RunSummary[];
  nextCursor: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: the queue tables are not in a typed schema.
type Eb = ExpressionBuilder<any, any>;

/** The runs `access` may see: all for an admin, else per readable object within its read scope. */
function visible(access: Access) {
  return (eb: Eb): Expression<SqlBool> => {
    if (access.grant.admin) return eb.lit(true);
    const parts = [...access.view.objects.values()]
      .filter((o) => access.can('read', o.apiName))
      .map((o) => {
        const scope = access.readScope(o);
        const ofObject = eb(`${RUNS}.object`, '=', o.apiName);
        return scope
          ? eb.and([
              ofObject,
              eb(`${RUNS}.record_id`, 'in', eb.selectFrom(o.apiName).select('id').where(scope)),
            ])
          : ofObject;
      });
    return parts.length ? eb.or(parts) : eb.lit(false);
  };
}

const FAILED: RunStatus[] = ['failed', 'dead'];
const rank = (eb: Eb) => eb.case().when(`${RUNS}.status`, 'in', FAILED).then(0).else(1).end();

function decodeCursor(cursor: string): { rank: number; id: string } {
  const [r, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if ((r !== '0' && r !== '1') || !id || !/^[0-9a-f-]{36}$/.test(id))
    throw new TesseraError('invalid_query', 'cursor is not one this API gave out');
  return { rank: Number(r), id };
}

const encodeCursor = (run: RunRow, failuresFirst: boolean) =>
  Buffer.from(`${failuresFirst && FAILED.includes(run.status) ? 0 : 1}:${run.id}`).toString('base64url');

export async function listRuns(db: AnyDb, access: Access, options: RunListOptions): Promise<RunPage> {
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const failuresFirst = options.failuresFirst === true;
  let query = db
    .selectFrom(RUNS)
    .selectAll(RUNS)
    .where(visible(access))
    .$if(options.automation !== undefined, (q) => q.where('automation', '=', options.automation as string))
    .$if(options.object !== undefined, (q) => q.where('object', '=', options.object as string))
    .$if(options.record !== undefined, (q) => q.where('record_id', '=', options.record as string))
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status as RunStatus));
  if (after)
    query = failuresFirst
      ? query.where((eb) =>
          eb.or([
            eb(rank(eb), '>', after.rank),
            eb.and([eb(rank(eb), '=', after.rank), eb(`${RUNS}.id`, '<', after.id)]),
          ]),
        )
      : query.where(`${RUNS}.id`, '<', after.id);
  if (failuresFirst) query = query.orderBy(rank);
  const rows = (await query
    .orderBy(`${RUNS}.id`, 'desc')
    .limit(options.limit + 1)
    .execute()) as RunRow[];
  const page = rows.slice(0, options.limit);
  const jobs = await jobsOf(db, page);
  const last = page.at(-1);
  return {
    data: page.map((run) => summary(run, jobs.get(String(run.id)) ?? [])),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last, failuresFirst) : null,
  };
}

/** One run with its jobs and their attempts; not found when `access` may not see it. */
export async function getRun(db: AnyDb, access: Access, id: string): Promise<RunDetail> {
  const run = (await db
    .selectFrom(RUNS)
    .selectAll(RUNS)
    .where(`${RUNS}.id`, '=', id)
    .where(visible(access))
    .executeTakeFirst()) as RunRow | undefined;
  if (!run) throw new TesseraError('unknown_automation_run', `no automation run ${id} that you can see`);
  const jobs = (await jobsOf(db, [run])).get(String(run.id)) ?? [];
  const attempts = jobs.length
    ? ((await db
        .selectFrom(ATTEMPTS)
        .selectAll()
        .where(
          'job_id',
          'in',
          jobs.map((j) => j.id),
        )
        .orderBy('attempt')
        .execute()) as AttemptRow[])
    : [];
  return {
    ...summary(run, jobs),
    jobs: jobs.map((j) => ({
      id: String(j.id),
      actionIndex: Number(j.action_index),
      type: j.type,
      status: j.status,
      attempts: Number(j.attempts),
      maxAttempts: Number(j.max_attempts),
      runAt: j.run_at,
      lastError: j.last_error,
      createdAt: j.created_at,
      updatedAt: j.updated_at,
      history: attempts
        .filter((a) => String(a.job_id) === String(j.id))
        .map((a) => ({
          attempt: Number(a.attempt),
          startedAt: a.started_at,
          durationMs: Number(a.duration_ms),
          outcome: a.outcome,
          detail: a.detail,
        })),
    })),
  };
}

async function jobsOf(db: AnyDb, runs: readonly RunRow[]): Promise<Map<string, JobRow[]>> {
  const byRun = new Map<string, JobRow[]>();
  const jobIds = runs.flatMap(jobIdsOf);
  if (!jobIds.length) return byRun;
  const rows = (await db
    .selectFrom(JOBS)
    .select([
      'id',
      'run_id',
      'action_index',
      'type',
      'status',
      'attempts',
      'max_attempts',
      'run_at',
      'last_error',
      'created_at',
      'updated_at',
    ])
    .where('id', 'in', jobIds)
    .orderBy('action_index')
    .execute()) as JobRow[];
  for (const job of rows) {
    const list = byRun.get(String(job.run_id)) ?? [];
    list.push(job);
    byRun.set(String(job.run_id), list);
  }
  return byRun;
}

function summary(run: RunRow, jobs: readonly JobRow[]): RunSummary {
  const byId = new Map(jobs.map((j) => [String(j.id), j]));
  const actions = (JSON.parse(run.actions) as RunAction[]).map((a): RunActionState => {
    const job = a.jobId === undefined ? undefined : byId.get(a.jobId);
    if (!job) return { index: a.index, type: a.type, status: 'done' };
    return {
      index: a.index,
      type: a.type,
      status: job.status,
      deliveryId: String(job.id),
      attempts: Number(job.attempts),
      lastError: job.last_error,
    };
  });
  const failing = jobs.filter((j) => j.last_error !== null && j.status !== 'done');
  return {
    id: String(run.id),
    automation: run.automation,
    object: run.object,
    recordId: run.record_id === null ? null : String(run.record_id),
    trigger: run.trigger,
    actor: run.actor === null ? null : String(run.actor),
    depth: Number(run.depth),
    status: run.status,
    error: run.error ?? failing.at(-1)?.last_error ?? null,
    createdAt: run.created_at,
    finishedAt: run.finished_at,
    durationMs: run.duration_ms === null ? null : Number(run.duration_ms),
    attempts: jobs.reduce((n, j) => n + Number(j.attempts), 0),
    actions,
  };
}
