/**
 * The queue's executors for what the evaluator queues: `create_record` and `update_record` (through the record
 * API, exactly once: the write and the job's completion share one transaction) and `relative` (a planned run
 * coming due). A write the record API refuses cannot succeed on a retry: the job is dead at once, with the
 * refusal's issues as its error; a conflict with a concurrent write is retried.
 */
import { type ErrorCode, TesseraError } from '../errors.js';
import type { CompiledModel } from '../model/compiled-model.js';
import { type JobExecutor, PermanentJobError } from '../queue/job-executor.js';
import type { RecordApi } from '../records/record-api.js';
import type { Storage } from '../storage/storage.js';
import type { WritePayload } from './action-jobs.js';
import { runRecordWrite } from './record-writes.js';
import { fireRelative, type RelativePayload } from './relative-fire.js';

export interface ExecutorSources {
  /** The workspace's current model. */
  model: () => CompiledModel;
  /** Unrestricted records whose writes run the workspace's write hooks, on `storage` (a transaction's). */
  records: (storage: Storage) => RecordApi;
}

/** Refusals another attempt may not meet: someone else's write, or a metadata change, in between. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['version_conflict', 'metadata_conflict']);

function permanent(error: unknown): unknown {
  if (!(error instanceof TesseraError) || TRANSIENT.has(error.code)) return error;
  const issues = error.issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ');
  return new PermanentJobError(issues ? `${error.message} (${issues})` : error.message);
}

export function automationExecutors(sources: ExecutorSources): [string, JobExecutor][] {
  const write: JobExecutor = {
    async run(job, context) {
      try {
        await context.transaction((trx, storage) =>
          runRecordWrite(sources.records(storage), trx, job.payload as WritePayload),
        );
      } catch (error) {
        throw permanent(error);
      }
    },
  };
  const relative: JobExecutor = {
    run: (job, context) =>
      context.transaction(async (trx, storage) => {
        await fireRelative(
          { trx, storage, model: sources.model(), now: context.clock.now() },
          job.payload as RelativePayload,
        );
      }),
  };
  return [
    ['create_record', write],
    ['update_record', write],
    ['relative', relative],
  ];
}
