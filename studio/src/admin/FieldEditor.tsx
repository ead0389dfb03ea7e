/**
 * A new field: its API name, type, labels in both languages, and the options its type has (maximum length,
 * digits, bounds, picklist values with colours and labels, lookup target, formula with its errors as you type,
 * roll-up, auto-number format). The change is reviewed as a migration plan before it is applied.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import type { ObjectDocument } from '../api/types.js';
import { choiceText, fieldTypeKey } from '../i18n/choices.js';
import { useI18n } from '../i18n/i18n.js';
import { type Change, planOf } from './change.js';
import { answersOf, FIELD_TYPES, type FieldAnswers, fieldDocument } from './field-document.js';
import { PicklistValues } from './PicklistValues.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

interface Props {
  object: ObjectDocument;
  objects: readonly ObjectDocument[];
  /** An existing field to change (its name, labels, options or type); a new field without one. */
  editing?: string;
  onApplied(): void;
}

const NUMERIC = ['integer', 'number', 'currency', 'percent'];
const FORMULA_RETURNS = [
  'text',
  'number',
  'currency',
  'percent',
  'integer',
  'boolean',
  'date',
  'datetime',
] as const;
const ROLLUP_FUNCTIONS = ['count', 'sum', 'min', 'max'] as const;

export function FieldEditor({ object, objects, editing, onApplied }: Props) {
  const { t, label, locale } = useI18n();
  const apiName = object['x-tessera'].apiName;
  const existing = editing ? object.properties[editing] : undefined;
  const [name, setName] = useState(editing ?? '');
  const [required, setRequired] = useState(editing ? (object.required ?? []).includes(editing) : false);
  const [a, setA] = useState<FieldAnswers>(
    existing ? answersOf(existing) : { type: 'text', labelEn: '', labelZh: '' },
  );
  const set = (patch: Partial<FieldAnswers>) => setA((current) => ({ ...current, ...patch }));
  const change = useChange(() => {
    // The editor is blank again for the next field: nothing of this one carries over.
    setName('');
    setRequired(false);
    setA({ type: 'text', labelEn: '', labelZh: '' });
    onApplied();
  });
  // A change of type is planned like any other: the plan says every value is checked and converted.
  const fieldChange = (): Change =>
    editing
      ? {
          method: 'PATCH',
          path: `/meta/objects/${apiName}/fields/${editing}`,
          body: {
            ...(name !== editing ? { apiName: name } : {}),
            schema: fieldDocument(a),
            required: required || a.type === 'master_detail',
          },
        }
      : {
          method: 'POST',
          path: `/meta/objects/${apiName}/fields`,
          body: { apiName: name, schema: fieldDocument(a), required: required || a.type === 'master_detail' },
        };

  // The formula is checked by the server as it is typed: its syntax and type errors, with their positions.
  const [formulaErrors, setFormulaErrors] = useState<string[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the formula and its return type are checked here.
  useEffect(() => {
    if (a.type !== 'formula' || !a.formula || !name) return setFormulaErrors([]);
    const timer = setTimeout(() => {
      planOf(fieldChange()).then(
        () => setFormulaErrors([]),
        (e) =>
          setFormulaErrors(
            e instanceof ApiError
              ? e.errors.filter((x) => x.code.startsWith('formula')).map((x) => x.message)
              : [],
          ),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [a.formula, a.returns, a.type, name]);

  return (
    <section className="section admin-form">
      <h2>{editing ? t('admin.editField', { field: editing }) : t('admin.newField')}</h2>
      <Refusal error={change.refusal} />
      <label htmlFor="new-field-name">{t('admin.apiName')}</label>
      <input
        id="new-field-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        pattern="[a-z][a-z0-9_]*"
      />
      <label htmlFor="new-field-type">{t('admin.type')}</label>
      <select
        id="new-field-type"
        value={a.type}
        onChange={(e) => set({ type: e.target.value as FieldAnswers['type'] })}
      >
        {FIELD_TYPES.map((type) => (
          <option key={type} value={type}>
            {choiceText(t, t(fieldTypeKey(type)), type)}
          </option>
        ))}
      </select>
      <label htmlFor="new-field-en">{t('admin.labelEn')}</label>
      <input id="new-field-en" value={a.labelEn} onChange={(e) => set({ labelEn: e.target.value })} />
      <label htmlFor="new-field-zh">{t('admin.labelZh')}</label>
      <input id="new-field-zh" value={a.labelZh} onChange={(e) => set({ labelZh: e.target.value })} />
      <label>
        <input
          type="checkbox"
          checked={required || a.type === 'master_detail'}
          onChange={(e) => setRequired(e.target.checked)}
        />{' '}
        {t('admin.required')}
      </label>
      {(a.type === 'text' || a.type === 'textarea') && (
        <NumberOption
          id="new-field-max"
          label={t('admin.maxLength')}
          min={1}
          answers={a}
          answer="maxLength"
          set={set}
        />
      )}
      {NUMERIC.includes(a.type) && (
        <>
          {a.type !== 'integer' && (
            <NumberOption
              id="new-field-scale"
              label={t('admin.scale')}
              min={0}
              max={10}
              answers={a}
              answer="scale"
              set={set}
            />
          )}
          <NumberOption
            id="new-field-min"
            label={t('admin.minimum')}
            answers={a}
            answer="minimum"
            set={set}
          />
          <NumberOption
            id="new-field-maximum"
            label={t('admin.maximum')}
            answers={a}
            answer="maximum"
            set={set}
          />
        </>
      )}
      {(a.type === 'picklist' || a.type === 'multipicklist') && (
        <PicklistValues values={a.values ?? []} onChange={(values) => set({ values })} />
      )}
      {(a.type === 'lookup' || a.type === 'master_detail') && (
        <>
          <label htmlFor="new-field-target">{t('admin.target')}</label>
          <select
            id="new-field-target"
            value={a.target ?? ''}
            onChange={(e) => set({ target: e.target.value })}
          >
            <option value="">{t('field.choose')}</option>
            {[...objects]
              .map((o) => ({
                apiName: o['x-tessera'].apiName,
                text: label(o['x-tessera'].label, o['x-tessera'].apiName),
              }))
              .sort((x, y) => x.text.localeCompare(y.text, locale))
              .map(({ apiName: target, text }) => (
                <option key={target} value={target}>
                  {choiceText(t, text, target)}
                </option>
              ))}
          </select>
        </>
      )}
      {a.type === 'formula' && (
        <>
          <label htmlFor="new-field-formula">{t('admin.formula')}</label>
          <textarea
            id="new-field-formula"
            rows={3}
            value={a.formula ?? ''}
            aria-invalid={formulaErrors.length > 0}
            onChange={(e) => set({ formula: e.target.value })}
          />
          {formulaErrors.map((m) => (
            <p key={m} className="field-error">
              {m}
            </p>
          ))}
          <label htmlFor="new-field-returns">{t('admin.returns')}</label>
          <select
            id="new-field-returns"
            value={a.returns ?? 'text'}
            onChange={(e) => set({ returns: e.target.value as FieldAnswers['returns'] })}
          >
            {FORMULA_RETURNS.map((r) => (
              <option key={r} value={r}>
                {t(fieldTypeKey(r))}
              </option>
            ))}
          </select>
        </>
      )}
      {a.type === 'rollup' && (
        <>
          <label htmlFor="new-field-summarized">{t('admin.summarizedObject')}</label>
          <input
            id="new-field-summarized"
            value={a.summarizedObject ?? ''}
            onChange={(e) => set({ summarizedObject: e.target.value })}
          />
          <label htmlFor="new-field-function">{t('admin.function')}</label>
          <select
            id="new-field-function"
            value={a.rollupFunction ?? 'count'}
            onChange={(e) => set({ rollupFunction: e.target.value as FieldAnswers['rollupFunction'] })}
          >
            {ROLLUP_FUNCTIONS.map((f) => (
              <option key={f} value={f}>
                {t(`rollup.${f}`)}
              </option>
            ))}
          </select>
          <label htmlFor="new-field-sfield">{t('admin.summarizedField')}</label>
          <input
            id="new-field-sfield"
            value={a.summarizedField ?? ''}
            onChange={(e) => set({ summarizedField: e.target.value })}
          />
        </>
      )}
      {a.type === 'autonumber' && (
        <>
          <label htmlFor="new-field-format">{t('admin.format')}</label>
          <input
            id="new-field-format"
            placeholder="VM-{YYYY}-{0000}"
            value={a.format ?? ''}
            onChange={(e) => set({ format: e.target.value })}
          />
        </>
      )}
      <button type="button" disabled={change.busy || !name} onClick={() => change.review(fieldChange())}>
        {t('admin.review')}
      </button>
      <PlanReview change={change} />
    </section>
  );
}

interface NumberOptionProps {
  id: string;
  label: string;
  min?: number;
  max?: number;
  answers: FieldAnswers;
  answer: 'maxLength' | 'scale' | 'minimum' | 'maximum';
  set(patch: Partial<FieldAnswers>): void;
}

/** One numeric answer of the editor: blank means "not set". */
function NumberOption({ id, label, min, max, answers, answer, set }: NumberOptionProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={answers[answer] ?? ''}
        onChange={(e) => set({ [answer]: e.target.value ? Number(e.target.value) : undefined })}
      />
    </>
  );
}
