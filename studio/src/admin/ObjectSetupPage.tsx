/**
 * One object's setup: its settings, its fields (added with the field editor, deleted after review), its validation
 * rules and its layout.
 */

import type { FieldType } from '@tessera/engine/field-types';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { ObjectDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { fieldTypeKey } from '../i18n/choices.js';
import { useI18n } from '../i18n/i18n.js';
import { EditDeleteButtons } from './EditDeleteButtons.js';
import { FieldEditor } from './FieldEditor.js';
import { ObjectSettings } from './ObjectSettings.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';
import { ValidationRules } from './ValidationRules.js';

export function ObjectSetupPage({ object: apiName }: { object: string }) {
  const { t, label } = useI18n();
  const objects = useLoad(
    () => api<{ data: ObjectDocument[] }>('GET', '/meta/objects').then((r) => r.data),
    [apiName],
  );
  const removal = useChange(() => objects.reload());
  const [editing, setEditing] = useState<string | null>(null);
  const object = objects.data?.find((o) => o['x-tessera'].apiName === apiName);
  if (!object) return null;
  return (
    <section>
      <div className="toolbar">
        <h1>{label(object['x-tessera'].label, apiName)}</h1>
        <button type="button" onClick={() => navigate({ page: 'layoutDesigner', object: apiName })}>
          {t('admin.layout')}
        </button>
      </div>
      <ObjectSettings key={JSON.stringify(object['x-tessera'])} object={object} onApplied={objects.reload} />
      <Refusal error={removal.refusal} />
      <table className="fields-table">
        <caption>{t('admin.fields')}</caption>
        <thead>
          <tr>
            <th>{t('admin.apiName')}</th>
            <th>{t('admin.type')}</th>
            <th>{t('admin.labelEn')}</th>
            <th>{t('admin.labelZh')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {Object.entries(object.properties).map(([name, prop]) => (
            <tr key={name} data-field={name}>
              <td>
                <code>{name}</code>
              </td>
              <td>
                {t(fieldTypeKey(prop['x-tessera'].field as FieldType))} <code>{prop['x-tessera'].field}</code>
              </td>
              <td>{prop['x-tessera'].label?.en ?? ''}</td>
              <td>{prop['x-tessera'].label?.['zh-CN'] ?? ''}</td>
              <td>
                <EditDeleteButtons
                  onEdit={() => setEditing(name)}
                  // The name field cannot go: every record is named by it.
                  {...(name !== object['x-tessera'].nameField
                    ? {
                        onDelete: () =>
                          removal.review({
                            method: 'DELETE',
                            path: `/meta/objects/${apiName}/fields/${name}`,
                          }),
                      }
                    : {})}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlanReview change={removal} />
      <FieldEditor
        key={editing ?? ''}
        object={object}
        objects={objects.data ?? []}
        {...(editing ? { editing } : {})}
        onApplied={() => {
          setEditing(null);
          objects.reload();
        }}
      />
      <ValidationRules object={object} />
    </section>
  );
}
