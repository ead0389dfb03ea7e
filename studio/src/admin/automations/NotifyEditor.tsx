/**
 * A notify action: who gets it (the record's owner, roles, users by e-mail, user fields of the record) and the
 * message in English and 简体中文 (with `{!field}` merges), with an optional title.
 */
import { useState } from 'react';
import type { ObjectDescription, RoleDocument } from '../../api/types.js';
import { choiceText } from '../../i18n/choices.js';
import { useI18n } from '../../i18n/i18n.js';
import type { AutomationAction } from './automation-document.js';
import { ErrorsAt } from './FormulaField.js';
import { userFields } from './field-choices.js';
import { recipientList, recipientsOf, typedEmails } from './recipients.js';
import type { DraftCheck } from './use-draft-check.js';

type Notify = Extract<AutomationAction, { type: 'notify' }>;

interface Props {
  pointer: string;
  action: Notify;
  onChange(action: Notify): void;
  description: ObjectDescription | undefined;
  roles: readonly RoleDocument[];
  check: DraftCheck;
}

export function NotifyEditor({ pointer, action, onChange, description, roles, check }: Props) {
  const { t, label } = useI18n();
  const id = pointer.replaceAll('/', '-').slice(1);
  const r = recipientsOf(action.to);
  const [emails, setEmails] = useState(r.users.join(', '));
  const props = description?.document.properties ?? {};
  const setRecipients = (patch: Partial<typeof r>) =>
    onChange({ ...action, to: recipientList({ ...r, ...patch }) });
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);
  const text = (key: 'message' | 'title', lang: string, value: string) =>
    onChange({ ...action, [key]: { ...action[key], [lang]: value } });
  return (
    <>
      <fieldset className="recipients">
        <legend>{t('auto.recipients')}</legend>
        <label>
          <input
            type="checkbox"
            checked={r.owner}
            onChange={(e) => setRecipients({ owner: e.target.checked })}
          />{' '}
          {t('auto.toOwner')}
        </label>
        {userFields(props).map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={r.fields.includes(name)}
              onChange={(e) => setRecipients({ fields: toggle(r.fields, name, e.target.checked) })}
            />{' '}
            {t('auto.toField', { field: choiceText(t, label(props[name]?.['x-tessera'].label, name), name) })}
          </label>
        ))}
        {roles.length > 0 && (
          <fieldset className="choice-grid plain">
            <legend className="inline-legend">{t('auto.toRoles')}</legend>
            {roles.map((role) => (
              <label key={role.apiName}>
                <input
                  type="checkbox"
                  checked={r.roles.includes(role.apiName)}
                  onChange={(e) => setRecipients({ roles: toggle(r.roles, role.apiName, e.target.checked) })}
                />{' '}
                {t('auto.toRole', { role: choiceText(t, label(role.label, role.apiName), role.apiName) })}
              </label>
            ))}
          </fieldset>
        )}
        <label htmlFor={`${id}-users`}>{t('auto.toUsers')}</label>
        <input
          id={`${id}-users`}
          type="text"
          inputMode="email"
          value={emails}
          placeholder="name@example.com"
          onChange={(e) => {
            setEmails(e.target.value);
            setRecipients({ users: typedEmails(e.target.value) });
          }}
        />
        <ErrorsAt check={check} pointer={`${pointer}/to`} />
        {action.to.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a recipient's problems, by its place.
          <ErrorsAt key={i} check={check} pointer={`${pointer}/to/${i}`} />
        ))}
      </fieldset>
      <div className="grid">
        {(['en', 'zh-CN'] as const).map((lang) => (
          <div key={lang}>
            <label htmlFor={`${id}-title-${lang}`}>
              {t(lang === 'en' ? 'auto.titleEn' : 'auto.titleZh')}
            </label>
            <input
              id={`${id}-title-${lang}`}
              value={action.title?.[lang] ?? ''}
              onChange={(e) => text('title', lang, e.target.value)}
            />
            <label htmlFor={`${id}-message-${lang}`}>
              {t(lang === 'en' ? 'auto.messageEn' : 'auto.messageZh')}
            </label>
            <textarea
              id={`${id}-message-${lang}`}
              rows={2}
              value={action.message[lang] ?? ''}
              onChange={(e) => text('message', lang, e.target.value)}
            />
            <ErrorsAt check={check} pointer={`${pointer}/message/${lang}`} />
          </div>
        ))}
      </div>
      <p className="hint">{t('auto.mergeHint')}</p>
      <ErrorsAt check={check} pointer={`${pointer}/message`} />
    </>
  );
}
