/**
 * The validation-rule editor's answers and the rule document they make (`kind: "validation_rule"`), both ways:
 * pure, so what the editor sends is tested against the engine's own validation.
 */
import type { ValidationRuleDocument } from '../api/types.js';

export interface RuleAnswers {
  apiName: string;
  /** True refuses the record. */
  formula: string;
  messageEn: string;
  messageZh: string;
  /** The field the message is shown on; blank for the whole record. */
  field: string;
  active: boolean;
}

export const RULE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** The name a formula is checked under while the rule has no valid name of its own yet. */
const CHECK_NAME = 'formula_check';

export const blankRule = (): RuleAnswers => ({
  apiName: '',
  formula: '',
  messageEn: '',
  messageZh: '',
  field: '',
  active: true,
});

export const rulePath = (name: string) => `/meta/validation-rules/${name}`;

export function ruleAnswersOf(rule: ValidationRuleDocument): RuleAnswers {
  return {
    apiName: rule.apiName,
    formula: rule.formula,
    messageEn: rule.message.en ?? '',
    messageZh: rule.message['zh-CN'] ?? '',
    field: rule.field ?? '',
    active: rule.active !== false,
  };
}

/**
 * The rule the answers say, for `object`. What the editor does not show of an existing rule (its description,
 * its message in other languages) is kept; active is written only when off, as on is the default.
 */
export function ruleDocument(
  object: string,
  a: RuleAnswers,
  existing?: ValidationRuleDocument,
): ValidationRuleDocument {
  const { en: _, 'zh-CN': __, ...otherLanguages } = existing?.message ?? {};
  const en = a.messageEn.trim();
  const zh = a.messageZh.trim();
  return {
    kind: 'validation_rule',
    apiName: a.apiName.trim(),
    object,
    formula: a.formula.trim(),
    message: { ...otherLanguages, ...(en ? { en } : {}), ...(zh ? { 'zh-CN': zh } : {}) },
    ...(a.field ? { field: a.field } : {}),
    ...(a.active ? {} : { active: false }),
    ...(existing?.description ? { description: existing.description } : {}),
  };
}

/**
 * The document a formula is checked with as it is typed: the rule with a stand-in name and message while those
 * are not given yet, and no field, so that only the formula can be wrong.
 */
export function formulaCheckDocument(object: string, a: RuleAnswers): ValidationRuleDocument {
  const doc = ruleDocument(object, { ...a, field: '' });
  return {
    ...doc,
    apiName: RULE_NAME.test(doc.apiName) ? doc.apiName : CHECK_NAME,
    message: Object.keys(doc.message).length ? doc.message : { en: '-' },
  };
}

/** Whether the answers can be reviewed: a valid name, a formula, and a message in at least one language. */
export const canReview = (a: RuleAnswers): boolean =>
  RULE_NAME.test(a.apiName.trim()) &&
  a.formula.trim() !== '' &&
  (a.messageEn.trim() !== '' || a.messageZh.trim() !== '');

/** One object's rules, by name. */
export const rulesOf = (rules: readonly ValidationRuleDocument[], object: string): ValidationRuleDocument[] =>
  rules.filter((r) => r.object === object).sort((x, y) => x.apiName.localeCompare(y.apiName));
