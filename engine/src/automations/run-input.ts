/** What the evaluator hands the queue (engine/src/queue) for one automation run, per DESIGN P5's `recordRuns`. */
export type RunTrigger = 'create' | 'update' | 'delete' | 'schedule' | 'relative';

export interface JobInput {
  actionIndex: number;
  type: string;
  payload: Record<string, unknown>;
  /** ISO instant; now when absent. */
  runAt?: string;
  /** A planned job: recording another with the same key cancels the pending one. */
  replaceKey?: string;
}

export interface RunInput {
  automation: string;
  object: string;
  recordId: string;
  trigger: RunTrigger;
  depth: number;
  actor: string | null;
  /** Actions done in the write's transaction. */
  inTransaction: { index: number; type: string }[];
  jobs: JobInput[];
  /** The run does nothing, for this reason. */
  failed?: string;
}
