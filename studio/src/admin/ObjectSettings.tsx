/** An object's own settings — labels in both languages, who sees others' records, field history — and deleting it. */
import type { FormEvent } from 'react';
import type { ObjectDocument } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

const SHARING = ['private', 'public_read', 'public_read_write'] as const;

export function ObjectSettings({ object, onApplied }: { object: ObjectDocument; onApplied(): void }) {
  const { t } = useI18n();
  const o = object['x-tessera'];
  const change = useChange(onApplied);
  const removal = useChange(() => navigate({ page: 'setup' }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const localized = (en: string, zh: string) =>
      en || zh ? { ...(en ? { en } : {}), ...(zh ? { 'zh-CN': zh } : {}) } : undefined;
    const label = localized(text('labelEn'), text('labelZh'));
    const plural = localized(text('pluralEn'), text('pluralZh'));
    const { label: _, pluralLabel: __, ...rest } = o;
    const doc: ObjectDocument = {
      ...object,
      'x-tessera': {
        ...rest,
        ...(label ? { label } : {}),
        ...(plural ? { pluralLabel: plural } : {}),
        sharing: text('sharing') as (typeof SHARING)[number],
        trackHistory: form.get('trackHistory') === 'on',
      },
    };
    change.review({ method: 'PUT', path: `/meta/objects/${o.apiName}`, body: doc });
  }

  return (
    <details className="section object-settings">
      <summary>{t('admin.settings')}</summary>
      <form className="admin-form" onSubmit={submit}>
        <Refusal error={change.refusal} />
        <label htmlFor="obj-labelEn">{t('admin.labelEn')}</label>
        <input id="obj-labelEn" name="labelEn" defaultValue={o.label?.en ?? ''} />
        <label htmlFor="obj-labelZh">{t('admin.labelZh')}</label>
        <input id="obj-labelZh" name="labelZh" defaultValue={o.label?.['zh-CN'] ?? ''} />
        <label htmlFor="obj-pluralEn">{t('admin.pluralEn')}</label>
        <input id="obj-pluralEn" name="pluralEn" defaultValue={o.pluralLabel?.en ?? ''} />
        <label htmlFor="obj-pluralZh">{t('admin.pluralZh')}</label>
        <input id="obj-pluralZh" name="pluralZh" defaultValue={o.pluralLabel?.['zh-CN'] ?? ''} />
        <label htmlFor="obj-sharing">{t('admin.sharing')}</label>
        <select id="obj-sharing" name="sharing" defaultValue={o.sharing ?? 'private'}>
          {SHARING.map((s) => (
            <option key={s} value={s}>
              {t(`admin.sharing.${s}`)}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="trackHistory" defaultChecked={o.trackHistory === true} />{' '}
          {t('admin.trackHistory')}
        </label>
        <button type="submit" disabled={change.busy}>
          {t('admin.review')}
        </button>
      </form>
      <PlanReview change={change} />
      <Refusal error={removal.refusal} />
      <button
        type="button"
        className="danger"
        onClick={() => removal.review({ method: 'DELETE', path: `/meta/objects/${o.apiName}` })}
      >
        {t('admin.deleteObject')}
      </button>
      <PlanReview change={removal} />
    </details>
  );
}
