/**
 * A validation rule of one object, new or existing: its API name (fixed once made), the formula that refuses a
 * record when true (checked by the server as it is typed, its errors with their positions), the message in both
 * languages, the field it is shown on, and whether it is active. Saving is reviewed like every change.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import type { ObjectDocument, ValidationRuleDocument } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { type Change, planOf } from './change.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import {
  blankRule,
  canReview,
  formulaCheckDocument,
  type RuleAnswers,
  ruleAnswersOf,
  ruleDocument,
  rulePath,
} from './rule-document.js';
import { useChange } from './use-change.js';

interface Props {
  object: ObjectDocument;
  /** The rule to change; a new one without it. */
  rule?: ValidationRuleDocument;
  onApplied(): void;
  onCancel(): void;
}

/** The formula's state as the server last judged it: not yet, fine, or its errors. */
type Check = { state: 'idle' } | { state: 'ok' } | { state: 'errors'; messages: string[] };

export function RuleEditor({ object, rule, onApplied, onCancel }: Props) {
  const { t, label } = useI18n();
  const objectName = object['x-tessera'].apiName;
  const [a, setA] = useState<RuleAnswers>(rule ? ruleAnswersOf(rule) : blankRule());
  const set = (patch: Partial<RuleAnswers>) => setA((current) => ({ ...current, ...patch }));
  const change = useChange(onApplied);

  // The formula is checked by the server as it is typed (a dry run of the rule); the newest answer wins.
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the formula (and the name it is checked under) matter here.
  useEffect(() => {
    if (!a.formula.trim()) return setCheck({ state: 'idle' });
    let live = true;
    const doc = formulaCheckDocument(objectName, a);
    const timer = setTimeout(() => {
      planOf({ method: 'PUT', path: rulePath(doc.apiName), body: doc }).then(
        () => live && setCheck({ state: 'ok' }),
        (e) => {
          if (!live) return;
          const messages =
            e instanceof ApiError
              ? e.errors.filter((x) => x.code.startsWith('formula')).map((x) => x.message)
              : [];
          setCheck(messages.length ? { state: 'errors', messages } : { state: 'idle' });
        },
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [a.formula, a.apiName, objectName]);

  const ruleChange = (): Change => {
    const doc = ruleDocument(objectName, a, rule);
    const verb = t(rule ? 'admin.rulePlanChange' : 'admin.rulePlanCreate', { rule: doc.apiName });
    const effect = t(doc.active === false ? 'admin.rulePlanInactive' : 'admin.rulePlanEnforced');
    return { method: 'PUT', path: rulePath(doc.apiName), body: doc, summary: `${verb} ${effect}` };
  };

  const errors = check.state === 'errors' ? check.messages : [];
  return (
    <section
      className="section admin-form rule-editor"
      aria-label={rule ? t('admin.editRule', { rule: rule.apiName }) : t('admin.newRuleTitle')}
    >
      <h2>{rule ? t('admin.editRule', { rule: rule.apiName }) : t('admin.newRuleTitle')}</h2>
      <Refusal error={change.refusal} />
      <label htmlFor="rule-name">{t('admin.apiName')}</label>
      <input
        id="rule-name"
        value={a.apiName}
        disabled={rule !== undefined}
        required
        pattern="[a-z][a-z0-9_]*"
        onChange={(e) => set({ apiName: e.target.value })}
      />
      <label htmlFor="rule-formula">{t('admin.ruleFormula')}</label>
      <textarea
        id="rule-formula"
        className="formula"
        rows={4}
        spellCheck={false}
        required
        value={a.formula}
        aria-invalid={errors.length > 0}
        aria-describedby="rule-formula-check"
        onChange={(e) => set({ formula: e.target.value })}
      />
      <div id="rule-formula-check" aria-live="polite">
        {errors.map((m) => (
          <p key={m} className="field-error">
            {m}
          </p>
        ))}
        {check.state === 'ok' && <p className="formula-ok">{t('admin.formulaOk')}</p>}
      </div>
      <p className="hint">{t('admin.ruleFormulaHint')}</p>
      <label htmlFor="rule-message-en">{t('admin.messageEn')}</label>
      <input id="rule-message-en" value={a.messageEn} onChange={(e) => set({ messageEn: e.target.value })} />
      <label htmlFor="rule-message-zh">{t('admin.messageZh')}</label>
      <input id="rule-message-zh" value={a.messageZh} onChange={(e) => set({ messageZh: e.target.value })} />
      <label htmlFor="rule-field">{t('admin.ruleField')}</label>
      <select id="rule-field" value={a.field} onChange={(e) => set({ field: e.target.value })}>
        <option value="">{t('admin.wholeRecord')}</option>
        {Object.entries(object.properties).map(([name, prop]) => (
          <option key={name} value={name}>
            {label(prop['x-tessera'].label, name)} ({name})
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={a.active} onChange={(e) => set({ active: e.target.checked })} />{' '}
        {t('admin.active')}
      </label>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={change.busy || !canReview(a)}
          onClick={() => change.review(ruleChange())}
        >
          {t('admin.review')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('record.cancel')}
        </button>
      </div>
      <PlanReview change={change} />
    </section>
  );
}
