/**
 * A run's `actions` column: what became of each action of its automation, and for queued ones the job that
 * carries it out. It is how a run finds its jobs: by their ids, with no index on the jobs' run.
 */
import type { RunRow } from './queue-tables.js';

/** One entry of a run's `actions`: what became of each action of the automation. */
export interface RunAction {
  index: number;
  type: string;
  /** Set for actions carried out in the write's transaction. */
  inTransaction?: true;
  /** Set for queued actions: the job, whose status is the action's. */
  jobId?: string;
}

/** The ids of the jobs a run queued, from its `actions` (runs' jobs are found by id, not by an index on run). */
export function jobIdsOf(run: Pick<RunRow, 'actions'>): string[] {
  return (JSON.parse(run.actions) as RunAction[]).flatMap((a) => (a.jobId === undefined ? [] : [a.jobId]));
}
