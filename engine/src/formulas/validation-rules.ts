/**
 * Validation rules at write time: an object's active rules, compiled once per metadata version, run against
 * each record as it would be stored (formula fields computed, lookups followed in one query per lookup), with
 * the stored record as PRIORVALUE on updates. A rule whose formula is true, or cannot be computed, refuses the
 * record with its message, on its field, with code `rule` and the rule's name.
 */
import { type CompiledFormula, FormulaLimitError } from '@tessera/formula';
import type { Issue } from '../errors.js';
import { localize } from '../metadata/localized-text.js';
import type { LocalizedText } from '../metadata/types.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import { getOrCreate } from '../util/get-or-create.js';
import { compileSaved } from './compile-saved.js';
import { formulaEnvironment, objectDocuments } from './formula-environment.js';
import { formulaLimitIssue } from './formula-limit.js';
import { type FormulaScope, fillFormulas, formulaPlan, relatedValues } from './formula-values.js';
import { type Follow, RecordContext } from './record-context.js';

interface CompiledRule {
  apiName: string;
  field?: string;
  message: LocalizedText | undefined;
  formula: CompiledFormula;
}

type Values = Record<string, unknown>;

/** An object's active rules under one metadata version, and what checking them must read first. */
interface ObjectRules {
  rules: CompiledRule[];
  /** Paths across lookups the rules read. */
  related: string[][];
  /** The object has formulas computed when read: the rules see them, computed first. */
  formulas: boolean;
}
const compiled = new WeakMap<CompiledObject, ObjectRules>();

function rulesOf(model: CompiledModel, object: CompiledObject): ObjectRules {
  return getOrCreate(compiled, object, () => {
    const objects = objectDocuments(model);
    const env = formulaEnvironment(object.document, objects, 'validation');
    const rules = (model.documents.validationRules ?? [])
      .filter((r) => r.object === object.apiName && r.active !== false)
      .map((r) => ({
        apiName: r.apiName,
        ...(r.field ? { field: r.field } : {}),
        message: r.message,
        formula: compileSaved(r.formula, env),
      }));
    return {
      rules,
      related: rules.flatMap((r) => r.formula.fields.filter((p) => p.length > 1)),
      formulas: (formulaPlan(model, object)?.fields.length ?? 0) > 0,
    };
  });
}

/** Whether `object` has active validation rules (a write without any skips the check). */
export const hasRules = (model: CompiledModel, object: CompiledObject): boolean =>
  rulesOf(model, object).rules.length > 0;

const reads = (rule: CompiledRule, fields: ReadonlySet<string>) =>
  rule.formula.fields.some((p) => p.length === 1 && fields.has(p[0] as string));

/** Whether any of `object`'s active rules reads one of `fields` (of the record itself). */
export function rulesRead(
  model: CompiledModel,
  object: CompiledObject,
  fields: ReadonlySet<string>,
): boolean {
  return rulesOf(model, object).rules.some((r) => reads(r, fields));
}

/** Whether checking `object`'s rules reads the database (lookups they follow, formulas computed when read). */
export function rulesQuery(model: CompiledModel, object: CompiledObject): boolean {
  const { related, formulas } = rulesOf(model, object);
  return related.length > 0 || formulas;
}

export interface RuleCheck extends FormulaScope {
  /** The language of the messages (`zh-CN`), as the caller asked for it. */
  locale: string;
  /** The records as they would be stored (every stored field). */
  records: readonly Values[];
  /** On update, the stored records before the write, at the same index. */
  priors?: readonly Values[];
  /** Where a record's issues point: `/records/3` in a bulk write. */
  pointerOf: (index: number) => string;
  /** Only the rules that read one of these fields (a parent judged again after a roll-up recount). */
  reading?: ReadonlySet<string>;
}

export interface RuleVerdict {
  issues: Issue[];
  /** The records as the rules saw them (formulas computed when read included), when those were computed. */
  computed?: Values[];
}

/**
 * The issues of the records that break a rule, and the records as the rules saw them (formula fields
 * computed), which the write returns rather than computing them twice.
 */
export async function brokenRules(check: RuleCheck): Promise<RuleVerdict> {
  const { rules: all, related, formulas } = rulesOf(check.model, check.object);
  const rules = check.reading ? all.filter((r) => reads(r, check.reading as ReadonlySet<string>)) : all;
  if (!rules.length || !check.records.length) return { issues: [] };
  // Rules see formula fields too: computed on copies, so the records to store stay as they are.
  const working = formulas ? check.records.map((r) => ({ ...r })) : (check.records as Values[]);
  if (formulas) await fillFormulas(check, working, working);
  const follow = related.length
    ? await relatedValues(check.db, check.dialect, check.model, check.object, working, related)
    : undefined;
  return { issues: judge(check, rules, working, follow), ...(formulas ? { computed: working } : {}) };
}

/**
 * The same verdict without waiting, for rules that read nothing but the records themselves (`rulesQuery` is
 * false): most rules, and a write should not yield to the event loop for them.
 */
export function brokenRulesNow(check: RuleCheck): RuleVerdict {
  const { rules } = rulesOf(check.model, check.object);
  return { issues: judge(check, rules, check.records, undefined) };
}

function judge(
  check: RuleCheck,
  rules: CompiledRule[],
  records: readonly Values[],
  follow?: Follow,
): Issue[] {
  const issues: Issue[] = [];
  const pointerAt = (index: number, rule: CompiledRule) =>
    `${check.pointerOf(index)}/${rule.field ?? ''}`.replace(/\/$/, '');
  records.forEach((record, index) => {
    const ctx = new RecordContext(record, check.clock, follow, check.priors?.[index]);
    for (const rule of rules) {
      let broken: boolean;
      try {
        broken = rule.formula.evaluate(ctx) === true;
      } catch (error) {
        if (error instanceof FormulaLimitError) {
          issues.push(
            formulaLimitIssue(pointerAt(index, rule), `rule "${rule.apiName}"`, error, rule.apiName),
          );
          continue;
        }
        if (!(error instanceof RangeError)) throw error;
        broken = true;
      }
      if (broken)
        issues.push({
          pointer: pointerAt(index, rule),
          code: 'rule',
          message: localize(rule.message, check.locale) ?? rule.apiName,
          rule: rule.apiName,
        });
    }
  });
  return issues;
}
