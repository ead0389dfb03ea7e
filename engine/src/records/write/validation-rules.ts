/**
 * Stage: the object's validation rules over the records as they will be stored; any broken one refuses the
 * write (or is reported, in migration mode). Rules that read only the records are judged at once: a promise only when they must query first.
 */
import { clockIn } from '../../formulas/formula-clock.js';
import {
  brokenRules,
  brokenRulesNow,
  hasRules,
  type RuleCheck,
  type RuleVerdict,
  rulesQuery,
} from '../../formulas/validation-rules.js';
import { refuseOrReport, type WriteBatch } from './write-batch.js';

export function checkValidationRules(batch: WriteBatch): Promise<void> | undefined {
  const { model } = batch.access;
  if (!hasRules(model, batch.object)) return undefined;
  const check: RuleCheck = {
    db: batch.tx.trx,
    dialect: batch.storage.dialect,
    model,
    object: batch.object,
    clock: clockIn(batch.locality.timeZone),
    locale: batch.locality.locale,
    records: batch.records,
    pointerOf: batch.pointerOf,
  };
  if (batch.priors) check.priors = batch.priors;
  if (!rulesQuery(model, batch.object)) {
    keepVerdict(batch, brokenRulesNow(check));
    return undefined;
  }
  return brokenRules(check).then((verdict) => keepVerdict(batch, verdict));
}

/** The records as the rules computed them (the answer's formulas), unless a rule is broken. */
function keepVerdict(batch: WriteBatch, verdict: RuleVerdict): void {
  refuseOrReport(batch, verdict.issues);
  if (verdict.computed) batch.computed = verdict.computed;
}
