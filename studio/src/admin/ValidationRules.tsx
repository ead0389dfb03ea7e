/**
 * An object's validation rules on its setup page: each with its message in the UI language, the field it is
 * shown on and whether it is active; added and changed in the rule editor, deleted after review.
 */
import { useState } from 'react';
import { api } from '../api/client.js';
import type { ObjectDocument, ValidationRuleDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { useI18n } from '../i18n/i18n.js';
import { EditDeleteButtons } from './EditDeleteButtons.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { RuleEditor } from './RuleEditor.js';
import { rulePath, rulesOf } from './rule-document.js';
import { useChange } from './use-change.js';

export function ValidationRules({ object }: { object: ObjectDocument }) {
  const { t, label } = useI18n();
  const objectName = object['x-tessera'].apiName;
  const rules = useLoad(
    () =>
      api<{ data: ValidationRuleDocument[] }>('GET', '/meta/validation-rules').then((r) =>
        rulesOf(r.data, objectName),
      ),
    // Loaded again when the object changes too: a field's rename or removal may change its rules.
    [objectName, object],
  );
  const removal = useChange(() => rules.reload());
  /** The rule open in the editor: its name, `null` for a new one, `undefined` for none. */
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const fieldLabel = (name: string) => label(object.properties[name]?.['x-tessera'].label, name);
  const list = rules.data ?? [];
  const open = editing ? list.find((r) => r.apiName === editing) : undefined;

  return (
    <section className="section rules" aria-labelledby="rules-title">
      <div className="toolbar">
        <h2 id="rules-title" className="rules-title">
          {t('admin.rules')}
        </h2>
        <button type="button" onClick={() => setEditing(null)} disabled={editing === null}>
          {t('admin.newRule')}
        </button>
      </div>
      <p className="hint">{t('admin.rulesHint')}</p>
      <Refusal error={removal.refusal} />
      {rules.data && list.length === 0 && <p className="muted">{t('admin.noRules')}</p>}
      {list.length > 0 && (
        <table className="fields-table rules-table">
          <thead>
            <tr>
              <th>{t('admin.apiName')}</th>
              <th>{t('admin.message')}</th>
              <th>{t('admin.field')}</th>
              <th>{t('admin.active')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((rule) => (
              <tr
                key={rule.apiName}
                data-rule={rule.apiName}
                className={rule.active === false ? 'muted' : ''}
              >
                <td>
                  <code>{rule.apiName}</code>
                </td>
                <td className="rule-message">{label(rule.message, '')}</td>
                <td className="rule-field">{rule.field ? fieldLabel(rule.field) : t('admin.wholeRecord')}</td>
                <td className="rule-active">{rule.active === false ? t('admin.no') : t('admin.yes')}</td>
                <td className="row-actions">
                  <EditDeleteButtons
                    onEdit={() => setEditing(rule.apiName)}
                    onDelete={() => {
                      if (editing === rule.apiName) setEditing(undefined);
                      removal.review({
                        method: 'DELETE',
                        path: rulePath(rule.apiName),
                        summary: t('admin.rulePlanDelete', { rule: rule.apiName }),
                      });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PlanReview change={removal} />
      {(editing === null || open) && (
        <RuleEditor
          key={editing ?? ''}
          object={object}
          {...(open ? { rule: open } : {})}
          onApplied={() => {
            setEditing(undefined);
            rules.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
    </section>
  );
}
