/**
 * The automations' side of the write pipeline (WriteHooks): which objects have automations to run, their
 * changes to the records before they are saved, and what the write triggers, recorded in its transaction.
 */
import { type Clock, SYSTEM_CLOCK } from '../queue/clock.js';
import type { WriteHooks } from '../records/write/write-hooks.js';
import { afterSave } from './after-save.js';
import { beforeSave } from './before-save.js';
import { automationsOf } from './compile-automations.js';

/** `clock`: when runs are recorded (`created_at`); tests pass their own. */
export function automationHooks(clock: Clock = SYSTEM_CLOCK): WriteHooks {
  return {
    watches(model, object) {
      const { record, relative } = automationsOf(model, object);
      return record.length > 0 || relative.length > 0;
    },
    beforeSave,
    afterSave: (context) => afterSave(context, clock.now()),
  };
}
