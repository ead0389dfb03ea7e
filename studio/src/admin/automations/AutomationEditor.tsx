/**
 * An automation, new or existing, on its own page: API name (fixed once made), label in both languages, the
 * object, active; the trigger; the actions in order (added by type, moved, removed). Every formula and value is
 * checked by the server as it is typed (a dry run of the draft). Saving shows the change value by value before it
 * applies, like every metadata change.
 */
import { diffValues } from '@tessera/engine/diff-values';
import { useState } from 'react';
import { automations, viaClient } from '../../api/tessera.js';
import { describeAll, useDescriptions, useLoad } from '../../api/use-api.js';
import { navigate } from '../../app/router.js';
import { choiceText } from '../../i18n/choices.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Change } from '../change.js';
import { PlanReview } from '../PlanReview.js';
import { Refusal } from '../Refusal.js';
import { loadRoles } from '../RolesPage.js';
import { useChange } from '../use-change.js';
import { ActionEditor, type ActionScope } from './ActionEditor.js';
import {
  ACTION_TYPES,
  type ActionType,
  type AutomationAction,
  type AutomationDocument,
  automationDocument,
  blankAction,
  blankAutomation,
  canReview,
  moveAction,
} from './automation-document.js';
import { ErrorsAt } from './FormulaField.js';
import { lookupFields } from './field-choices.js';
import { TriggerEditor } from './TriggerEditor.js';
import { useDraftCheck } from './use-draft-check.js';

export function AutomationEditorPage({ name }: { name?: string }) {
  const { t } = useI18n();
  const existing = useLoad(() => (name ? automations().get(name) : Promise.resolve(undefined)), [name]);
  const objects = useLoad(describeAll, []);
  const roles = useLoad(loadRoles, []);
  const error = existing.error ?? objects.error;
  if (error)
    return (
      <p role="alert">
        {name ? t('auto.notFound', { name }) : t('error.generic', { message: error.message })}
      </p>
    );
  if ((name && !existing.data) || !objects.data) return null;
  return (
    <AutomationEditor
      key={name ?? ''}
      {...(existing.data ? { existing: existing.data } : {})}
      objects={objects.data}
      roles={roles.data ?? []}
    />
  );
}

interface Props {
  existing?: AutomationDocument;
  objects: ActionScope['objects'];
  roles: ActionScope['roles'];
}

function AutomationEditor({ existing, objects, roles }: Props) {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<AutomationDocument>(
    existing ?? blankAutomation(objects[0]?.apiName ?? ''),
  );
  const set = (patch: Partial<AutomationDocument>) => setDraft((d) => ({ ...d, ...patch }));
  const [adding, setAdding] = useState<ActionType>('update_record');
  const check = useDraftCheck(draft);
  const change = useChange(() => navigate({ page: 'automations' }));
  const title = existing ? t('auto.edit', { name: existing.apiName }) : t('auto.new');

  // The automation's object, and those its actions name: a created record's object, a lookup's target.
  const own = useDescriptions([draft.object])?.get(draft.object) ?? undefined;
  const targets = draft.actions.flatMap((a) =>
    a.type === 'create_record'
      ? [a.object]
      : a.type === 'update_record' && a.path
        ? lookupFields(own?.document.properties ?? {})
            .filter((l) => l.field === a.path)
            .map((l) => l.target)
        : [],
  );
  const others = useDescriptions(targets.filter(Boolean));
  const scope: ActionScope = {
    description: own,
    describe: (object) => others?.get(object) ?? undefined,
    objects,
    roles,
    check,
  };
  const setAction = (i: number, action: AutomationAction) =>
    set({ actions: draft.actions.map((a, j) => (j === i ? action : a)) });

  const reviewed = (): Change => {
    const doc = automationDocument(draft);
    const verb = t(existing ? 'auto.planChange' : 'auto.planCreate', { name: doc.apiName });
    const effect = t(doc.active ? 'auto.planActive' : 'auto.planInactive');
    return {
      method: 'PUT',
      path: `/meta/automations/${doc.apiName}`,
      summary: `${verb} ${effect}`,
      diff: diffValues(existing ?? {}, doc),
      send: (dryRun) => viaClient(automations().put(doc, { dryRun })),
    };
  };

  return (
    <section className="automation-editor" aria-label={title}>
      <div className="toolbar">
        <h1>{title}</h1>
        <button type="button" onClick={() => navigate({ page: 'automations' })}>
          {t('auto.title')}
        </button>
      </div>
      <div className="section admin-form">
        <div className="grid">
          <div>
            <label htmlFor="auto-name">{t('admin.apiName')}</label>
            <input
              id="auto-name"
              value={draft.apiName}
              disabled={existing !== undefined}
              required
              pattern="[a-z][a-z0-9_]*"
              spellCheck={false}
              onChange={(e) => set({ apiName: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor="auto-object">{t('auto.object')}</label>
            <select
              id="auto-object"
              value={draft.object}
              disabled={existing !== undefined}
              onChange={(e) =>
                set({ object: e.target.value, trigger: blankAutomation('').trigger, actions: [] })
              }
            >
              {objects.map((o) => (
                <option key={o.apiName} value={o.apiName}>
                  {choiceText(t, label(o.label, o.apiName), o.apiName)}
                </option>
              ))}
            </select>
            <ErrorsAt check={check} pointer="/object" />
          </div>
          <div>
            <label htmlFor="auto-label-en">{t('admin.labelEn')}</label>
            <input
              id="auto-label-en"
              value={draft.label.en ?? ''}
              onChange={(e) => set({ label: { ...draft.label, en: e.target.value } })}
            />
          </div>
          <div>
            <label htmlFor="auto-label-zh">{t('admin.labelZh')}</label>
            <input
              id="auto-label-zh"
              value={draft.label['zh-CN'] ?? ''}
              onChange={(e) => set({ label: { ...draft.label, 'zh-CN': e.target.value } })}
            />
          </div>
        </div>
        <label>
          <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} />{' '}
          {t('admin.active')}
        </label>
      </div>

      <TriggerEditor
        trigger={draft.trigger}
        onChange={(trigger) => set({ trigger })}
        description={own}
        check={check}
      />

      <section className="section actions-editor" aria-labelledby="auto-actions-title">
        <h2 id="auto-actions-title">{t('auto.actions')}</h2>
        {draft.actions.length === 0 && <p className="muted">{t('auto.noActions')}</p>}
        <ol className="action-list">
          {draft.actions.map((action, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions are known by their place in the list.
            <li key={i} className="action-card" data-action={action.type}>
              <div className="action-head">
                <h3>
                  {i + 1}. {t(`auto.action.${action.type}`)}
                </h3>
                <span className="row-actions">
                  <button
                    type="button"
                    aria-label={t('auto.moveUp', { n: i + 1 })}
                    disabled={i === 0}
                    onClick={() => set({ actions: moveAction(draft.actions, i, -1) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('auto.moveDown', { n: i + 1 })}
                    disabled={i === draft.actions.length - 1}
                    onClick={() => set({ actions: moveAction(draft.actions, i, 1) })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}
                  >
                    {t('auto.removeAction')}
                  </button>
                </span>
              </div>
              <ActionEditor index={i} action={action} onChange={(a) => setAction(i, a)} scope={scope} />
            </li>
          ))}
        </ol>
        <ErrorsAt check={check} pointer="/actions" />
        <div className="add-action">
          <label htmlFor="auto-add-type">{t('auto.actionType')}</label>
          <select id="auto-add-type" value={adding} onChange={(e) => setAdding(e.target.value as ActionType)}>
            {ACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`auto.action.${type}`)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => set({ actions: [...draft.actions, blankAction(adding)] })}>
            {t('auto.addAction')}
          </button>
        </div>
      </section>

      <Refusal error={change.refusal} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={change.busy || !canReview(draft)}
          onClick={() => change.review(reviewed())}
        >
          {t('admin.review')}
        </button>
        <button type="button" onClick={() => navigate({ page: 'automations' })}>
          {t('record.cancel')}
        </button>
      </div>
      <PlanReview change={change} />
    </section>
  );
}
