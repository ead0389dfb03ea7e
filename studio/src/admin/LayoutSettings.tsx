/** Whom a layout is for (roles, record types) and which related lists its record page shows. */
import { useState } from 'react';
import { api } from '../api/client.js';
import type { LayoutDocument, ObjectDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { choiceText } from '../i18n/choices.js';
import { optionLabel } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { addRelatedList, assign, linksTo, removeRelatedList } from './layout-edits.js';

interface Props {
  object: ObjectDocument;
  layout: LayoutDocument;
  onChange(layout: LayoutDocument): void;
}

export function LayoutSettings({ object, layout, onChange }: Props) {
  const { t, label, locale } = useI18n();
  const roles = useLoad(
    () =>
      api<{ data: { apiName: string; label?: Record<string, string> }[] }>('GET', '/meta/roles').then(
        (r) => r.data,
      ),
    [],
  );
  const objects = useLoad(
    () => api<{ data: ObjectDocument[] }>('GET', '/meta/objects').then((r) => r.data),
    [],
  );
  const links = linksTo(objects.data ?? [], object['x-tessera'].apiName);
  const [link, setLink] = useState('');
  /** A related list as people read it: "Work orders · Account (work_order.account_id)". */
  const linkText = (child: string, field: string) => {
    const doc = objects.data?.find((o) => o['x-tessera'].apiName === child);
    const o = doc?.['x-tessera'];
    const childLabel = label(o?.pluralLabel ?? o?.label, child);
    const fieldLabel = label(doc?.properties[field]?.['x-tessera'].label, field);
    return choiceText(t, `${childLabel} · ${fieldLabel}`, `${child}.${field}`);
  };
  const typeField = object['x-tessera'].recordTypeField;
  const typeProp = typeField ? object.properties[typeField] : undefined;
  const toggle = (list: string[] | undefined, value: string) =>
    list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];

  return (
    <details className="section layout-settings">
      <summary>{t('admin.layoutSettings')}</summary>
      <fieldset>
        <legend>{t('admin.forRoles')}</legend>
        {(roles.data ?? []).map((r) => (
          <label key={r.apiName}>
            <input
              type="checkbox"
              checked={layout.roles?.includes(r.apiName) ?? false}
              onChange={() =>
                onChange(assign(layout, toggle(layout.roles, r.apiName), layout.recordTypes ?? []))
              }
            />{' '}
            {choiceText(t, label(r.label, r.apiName), r.apiName)}
          </label>
        ))}
      </fieldset>
      {typeProp && (
        <fieldset>
          <legend>{t('admin.forRecordTypes')}</legend>
          {(typeProp['x-tessera'].options ?? []).map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                checked={layout.recordTypes?.includes(o.value) ?? false}
                onChange={() =>
                  onChange(assign(layout, layout.roles ?? [], toggle(layout.recordTypes, o.value)))
                }
              />{' '}
              {optionLabel(typeProp, o.value, locale)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('record.related')}</legend>
        <ul>
          {(layout.relatedLists ?? []).map((r) => (
            <li key={`${r.object}.${r.field}`}>
              {linkText(r.object, r.field)}{' '}
              <button type="button" onClick={() => onChange(removeRelatedList(layout, r.object, r.field))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <select aria-label={t('admin.relatedList')} value={link} onChange={(e) => setLink(e.target.value)}>
          <option value="">{t('field.choose')}</option>
          {links.map((l) => (
            <option key={`${l.object}.${l.field}`} value={`${l.object}.${l.field}`}>
              {linkText(l.object, l.field)}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!link}
          onClick={() => {
            const chosen = links.find((l) => `${l.object}.${l.field}` === link);
            if (chosen)
              onChange(
                addRelatedList(layout, {
                  object: chosen.object,
                  field: chosen.field,
                  columns: [chosen.nameField, 'created_at'],
                }),
              );
            setLink('');
          }}
        >
          {t('admin.addRelatedList')}
        </button>
      </fieldset>
    </details>
  );
}
