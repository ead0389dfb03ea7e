/**
 * One action of an automation, by its type: the fields it sets (of the record, of a record a lookup names, or of a
 * new record of another object), whom it assigns the record to, whom it notifies, or where it posts.
 */
import type { ObjectDescription, ObjectSummary, RoleDocument } from '../../api/types.js';
import { choiceText } from '../../i18n/choices.js';
import { useI18n } from '../../i18n/i18n.js';
import { type AutomationAction, newSecret } from './automation-document.js';
import { ErrorsAt } from './FormulaField.js';
import { lookupFields, userFields } from './field-choices.js';
import { NotifyEditor } from './NotifyEditor.js';
import { SetRows } from './SetRows.js';
import type { DraftCheck } from './use-draft-check.js';

export interface ActionScope {
  /** The automation's object. */
  description: ObjectDescription | undefined;
  /** Other objects' descriptions (a create's object, a lookup's target), by name, once loaded. */
  describe(object: string): ObjectDescription | undefined;
  objects: readonly ObjectSummary[];
  roles: readonly RoleDocument[];
  check: DraftCheck;
}

interface Props {
  index: number;
  action: AutomationAction;
  onChange(action: AutomationAction): void;
  scope: ActionScope;
}

export function ActionEditor({ index, action, onChange, scope }: Props) {
  const { t, label } = useI18n();
  const pointer = `/actions/${index}`;
  const id = `actions-${index}`;
  const { description, check } = scope;
  const props = description?.document.properties ?? {};
  const fieldChoice = (name: string) => choiceText(t, label(props[name]?.['x-tessera'].label, name), name);
  switch (action.type) {
    case 'update_record': {
      const lookups = lookupFields(props);
      const via = lookups.find((l) => l.field === action.path);
      return (
        <>
          <label htmlFor={`${id}-path`}>{t('auto.updateWhich')}</label>
          <select
            id={`${id}-path`}
            value={action.path ?? ''}
            onChange={(e) => {
              const { path: _, ...rest } = action;
              onChange(e.target.value ? { ...rest, path: e.target.value } : rest);
            }}
          >
            <option value="">{t('auto.thisRecord')}</option>
            {lookups.map((l) => (
              <option key={l.field} value={l.field}>
                {t('auto.viaLookup', { field: fieldChoice(l.field) })}
              </option>
            ))}
            {action.path && !via && <option value={action.path}>{action.path}</option>}
          </select>
          <ErrorsAt check={check} pointer={`${pointer}/path`} />
          <SetRows
            pointer={`${pointer}/set`}
            set={action.set}
            onChange={(set) => onChange({ ...action, set })}
            target={action.path ? via && scope.describe(via.target) : description}
            on="update"
            check={check}
          />
        </>
      );
    }
    case 'create_record':
      return (
        <>
          <label htmlFor={`${id}-object`}>{t('auto.createObject')}</label>
          <select
            id={`${id}-object`}
            value={action.object}
            onChange={(e) => onChange({ ...action, object: e.target.value })}
          >
            <option value="">{t('field.choose')}</option>
            {scope.objects.map((o) => (
              <option key={o.apiName} value={o.apiName}>
                {choiceText(t, label(o.label, o.apiName), o.apiName)}
              </option>
            ))}
          </select>
          <ErrorsAt check={check} pointer={`${pointer}/object`} />
          <SetRows
            pointer={`${pointer}/set`}
            set={action.set}
            onChange={(set) => onChange({ ...action, set })}
            target={action.object ? scope.describe(action.object) : undefined}
            on="create"
            check={check}
          />
        </>
      );
    case 'assign': {
      const byRole = action.roundRobin !== undefined;
      return (
        <>
          <div className="choice-row" role="radiogroup" aria-label={t('auto.assignBy')}>
            <label>
              <input
                type="radio"
                name={`${id}-assign`}
                checked={!byRole}
                onChange={() => onChange({ type: 'assign', field: '' })}
              />{' '}
              {t('auto.assignField')}
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-assign`}
                checked={byRole}
                onChange={() => onChange({ type: 'assign', roundRobin: { role: '' } })}
              />{' '}
              {t('auto.assignRoundRobin')}
            </label>
          </div>
          {byRole ? (
            <>
              <label htmlFor={`${id}-role`}>{t('auto.role')}</label>
              <select
                id={`${id}-role`}
                value={action.roundRobin?.role ?? ''}
                onChange={(e) => onChange({ type: 'assign', roundRobin: { role: e.target.value } })}
              >
                <option value="">{t('field.choose')}</option>
                {scope.roles.map((r) => (
                  <option key={r.apiName} value={r.apiName}>
                    {choiceText(t, label(r.label, r.apiName), r.apiName)}
                  </option>
                ))}
              </select>
              <ErrorsAt check={check} pointer={`${pointer}/roundRobin/role`} />
            </>
          ) : (
            <>
              <label htmlFor={`${id}-field`}>{t('auto.assignFromField')}</label>
              <input
                id={`${id}-field`}
                list={`${id}-user-fields`}
                spellCheck={false}
                value={action.field ?? ''}
                onChange={(e) => onChange({ type: 'assign', field: e.target.value })}
              />
              <datalist id={`${id}-user-fields`}>
                {userFields(props).map((name) => (
                  <option key={name} value={name}>
                    {fieldChoice(name)}
                  </option>
                ))}
              </datalist>
              <p className="hint">{t('auto.assignFieldHint')}</p>
              <ErrorsAt check={check} pointer={`${pointer}/field`} />
            </>
          )}
          <ErrorsAt check={check} pointer={pointer} />
        </>
      );
    }
    case 'notify':
      return (
        <NotifyEditor
          pointer={pointer}
          action={action}
          onChange={onChange}
          description={description}
          roles={scope.roles}
          check={check}
        />
      );
    case 'webhook':
      return (
        <>
          <label htmlFor={`${id}-url`}>{t('auto.webhookUrl')}</label>
          <input
            id={`${id}-url`}
            type="url"
            spellCheck={false}
            placeholder="https://"
            value={action.url}
            onChange={(e) => onChange({ ...action, url: e.target.value })}
          />
          <ErrorsAt check={check} pointer={`${pointer}/url`} />
          <label htmlFor={`${id}-secret`}>{t('auto.webhookSecret')}</label>
          <div className="input-with-button">
            <input
              id={`${id}-secret`}
              spellCheck={false}
              autoComplete="off"
              value={action.secret}
              onChange={(e) => onChange({ ...action, secret: e.target.value })}
            />
            <button type="button" onClick={() => onChange({ ...action, secret: newSecret() })}>
              {t('auto.newSecret')}
            </button>
          </div>
          <p className="hint">{t('auto.webhookHint')}</p>
          <ErrorsAt check={check} pointer={`${pointer}/secret`} />
        </>
      );
  }
}
