/**
 * The automations' side of the write pipeline (WriteHooks): which objects have automations to run, their
 * changes to the records before they are saved, and what the write triggers, recorded in its transaction.
 */
import type { WriteHooks } from '../records/write/write-hooks.js';
import { afterSave } from './after-save.js';
import { beforeSave } from './before-save.js';
import { automationsOf } from './compile-automations.js';
import type { AutomationQueue } from './queue-port.js';

export interface AutomationHooksOptions {
  queue: AutomationQueue;
  /** When runs are recorded (`created_at`); tests pass their own. */
  clock?: { now(): number };
}

export function automationHooks({ queue, clock = Date }: AutomationHooksOptions): WriteHooks {
  return {
    watches(model, object) {
      const { record, relative } = automationsOf(model, object);
      return record.length > 0 || relative.length > 0;
    },
    beforeSave,
    afterSave: (context) => afterSave(context, queue, clock.now()),
  };
}
