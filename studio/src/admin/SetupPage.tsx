/** Setup: the workspace's objects, and a new one (API name, labels in both languages), reviewed before it is made. */
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.js';
import type { ObjectDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

export function SetupPage() {
  const { t, label } = useI18n();
  const objects = useLoad(
    () => api<{ data: ObjectDocument[] }>('GET', '/meta/objects').then((r) => r.data),
    [],
  );
  const [name, setName] = useState('');
  const change = useChange(() => navigate({ page: 'setupObject', object: name }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const apiName = String(form.get('apiName')).trim();
    const en = String(form.get('labelEn')).trim();
    const zh = String(form.get('labelZh')).trim();
    const plural = String(form.get('pluralEn')).trim();
    setName(apiName);
    const doc = {
      type: 'object',
      'x-tessera': {
        apiName,
        nameField: 'name',
        label: { en, ...(zh ? { 'zh-CN': zh } : {}) },
        ...(plural ? { pluralLabel: { en: plural, ...(zh ? { 'zh-CN': zh } : {}) } } : {}),
        trackHistory: true,
      },
      properties: {
        name: {
          type: 'string',
          maxLength: 255,
          'x-tessera': { field: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
        },
      },
      required: ['name'],
    };
    change.review({ method: 'PUT', path: `/meta/objects/${apiName}`, body: doc });
  }

  return (
    <section>
      <div className="toolbar">
        <h1>{t('admin.objects')}</h1>
        <button type="button" onClick={() => navigate({ page: 'history' })}>
          {t('admin.history')}
        </button>
      </div>
      <ul className="object-list">
        {(objects.data ?? []).map((o) => (
          <li key={o['x-tessera'].apiName}>
            <a
              href={`/setup/objects/${o['x-tessera'].apiName}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'setupObject', object: o['x-tessera'].apiName });
              }}
            >
              {label(o['x-tessera'].label, o['x-tessera'].apiName)}
            </a>{' '}
            <code>{o['x-tessera'].apiName}</code>
          </li>
        ))}
      </ul>
      <form className="section admin-form" onSubmit={submit}>
        <h2>{t('admin.newObject')}</h2>
        <Refusal error={change.refusal} />
        <label htmlFor="apiName">{t('admin.apiName')}</label>
        <input id="apiName" name="apiName" required pattern="[a-z][a-z0-9_]*" />
        <label htmlFor="labelEn">{t('admin.labelEn')}</label>
        <input id="labelEn" name="labelEn" required />
        <label htmlFor="pluralEn">{t('admin.pluralEn')}</label>
        <input id="pluralEn" name="pluralEn" />
        <label htmlFor="labelZh">{t('admin.labelZh')}</label>
        <input id="labelZh" name="labelZh" />
        <button type="submit" disabled={change.busy}>
          {t('admin.review')}
        </button>
      </form>
      <PlanReview change={change} />
    </section>
  );
}
