/**
 * A permission set, new or existing, on its own page: API name (fixed once made), label in both languages, the
 * object-permission grid (one row per object; ticking a permission ticks what it implies, unticking one unticks
 * what implies it), field-level access for a chosen object, and system permissions. Saving is reviewed like
 * every metadata change; the server's refusal is shown in place.
 */
import { useState } from 'react';
import { api } from '../api/client.js';
import type { ObjectDocument, PermissionSetDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Change } from './change.js';
import { PlanReview } from './PlanReview.js';
import {
  blankPermissionSet,
  canReviewPermissionSet,
  FIELD_ACCESS,
  fieldAccessOf,
  grantedObjectCount,
  OBJECT_PERMISSIONS,
  type PermissionSetAnswers,
  permissionSetAnswersOf,
  permissionSetDocument,
  permissionSetPath,
  SYSTEM_PERMISSIONS,
  setFieldAccess,
  setObjectPermission,
} from './permission-set-document.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

export function PermissionSetEditorPage({ name }: { name?: string }) {
  const { t } = useI18n();
  const loaded = useLoad(
    () =>
      Promise.all([
        api<{ data: ObjectDocument[] }>('GET', '/meta/objects').then((r) => r.data),
        name
          ? api<{ data: PermissionSetDocument }>('GET', permissionSetPath(name)).then((r) => r.data)
          : Promise.resolve(undefined),
      ]),
    [name],
  );
  if (loaded.error) return <p role="alert">{name ? t('ps.notFound', { name }) : loaded.error.message}</p>;
  if (!loaded.data) return null;
  const [objects, existing] = loaded.data;
  return <PermissionSetEditor key={name ?? ''} objects={objects} {...(existing ? { existing } : {})} />;
}

function PermissionSetEditor({
  objects,
  existing,
}: {
  objects: ObjectDocument[];
  existing?: PermissionSetDocument;
}) {
  const { t, label, locale } = useI18n();
  const [a, setA] = useState<PermissionSetAnswers>(
    existing ? permissionSetAnswersOf(existing) : blankPermissionSet(),
  );
  const set = (patch: Partial<PermissionSetAnswers>) => setA((current) => ({ ...current, ...patch }));
  const change = useChange(() => navigate({ page: 'permissionSets' }));
  const sorted = [...objects].sort((x, y) =>
    label(x['x-tessera'].label, x['x-tessera'].apiName).localeCompare(
      label(y['x-tessera'].label, y['x-tessera'].apiName),
      locale,
    ),
  );
  const [fieldsOf, setFieldsOf] = useState(sorted[0]?.['x-tessera'].apiName ?? '');
  const chosen = objects.find((o) => o['x-tessera'].apiName === fieldsOf);
  const title = existing ? t('ps.edit', { name: existing.apiName }) : t('ps.new');

  const reviewed = (): Change => {
    const doc = permissionSetDocument(a, existing);
    const verb = t(existing ? 'ps.planChange' : 'ps.planCreate', { name: doc.apiName });
    const grants = t('ps.planGrants', { count: grantedObjectCount(doc) });
    return { method: 'PUT', path: permissionSetPath(doc.apiName), body: doc, summary: `${verb} ${grants}` };
  };

  return (
    <section className="permission-set-editor" aria-label={title}>
      <div className="toolbar">
        <h1>{title}</h1>
        <button type="button" onClick={() => navigate({ page: 'permissionSets' })}>
          {t('access.permissionSets')}
        </button>
      </div>
      <div className="section admin-form">
        <label htmlFor="ps-name">{t('admin.apiName')}</label>
        <input
          id="ps-name"
          value={a.apiName}
          disabled={existing !== undefined}
          required
          pattern="[a-z][a-z0-9_]*"
          onChange={(e) => set({ apiName: e.target.value })}
        />
        <label htmlFor="ps-label-en">{t('admin.labelEn')}</label>
        <input id="ps-label-en" value={a.labelEn} onChange={(e) => set({ labelEn: e.target.value })} />
        <label htmlFor="ps-label-zh">{t('admin.labelZh')}</label>
        <input id="ps-label-zh" value={a.labelZh} onChange={(e) => set({ labelZh: e.target.value })} />
      </div>

      <section className="section" aria-labelledby="ps-objects-title">
        <h2 id="ps-objects-title">{t('ps.objects')}</h2>
        <p className="hint">{t('ps.objectsHint')}</p>
        <table className="fields-table permission-grid">
          <thead>
            <tr>
              <th>{t('ps.object')}</th>
              {OBJECT_PERMISSIONS.map((p) => (
                <th key={p} className="check">
                  {t(`ps.perm.${p}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((o) => {
              const objectName = o['x-tessera'].apiName;
              const objectLabel = label(o['x-tessera'].label, objectName);
              const grants = a.objects[objectName] ?? {};
              return (
                <tr key={objectName} data-object={objectName}>
                  <th scope="row">
                    {objectLabel} <code>{objectName}</code>
                  </th>
                  {OBJECT_PERMISSIONS.map((p) => (
                    <td key={p} className="check">
                      <input
                        type="checkbox"
                        data-permission={p}
                        aria-label={t('ps.permFor', {
                          permission: t(`ps.perm.${p}` as MessageKey),
                          object: objectLabel,
                        })}
                        checked={grants[p] === true}
                        onChange={(e) =>
                          set({
                            objects: {
                              ...a.objects,
                              [objectName]: setObjectPermission(grants, p, e.target.checked),
                            },
                          })
                        }
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="section field-access" aria-labelledby="ps-fields-title">
        <h2 id="ps-fields-title">{t('ps.fields')}</h2>
        <p className="hint">{t('ps.fieldsHint')}</p>
        <label htmlFor="ps-fields-object">{t('ps.fieldsObject')}</label>{' '}
        <select id="ps-fields-object" value={fieldsOf} onChange={(e) => setFieldsOf(e.target.value)}>
          {sorted.map((o) => {
            const n = o['x-tessera'].apiName;
            const changed = Object.keys(a.fields[n] ?? {}).length;
            return (
              <option key={n} value={n}>
                {label(o['x-tessera'].label, n)}
                {changed ? ` (${t('ps.fieldsChanged', { count: changed })})` : ''}
              </option>
            );
          })}
        </select>
        {chosen && (
          <table className="fields-table field-access-table">
            <thead>
              <tr>
                <th>{t('ps.field')}</th>
                {FIELD_ACCESS.map((access) => (
                  <th key={access} className="check">
                    {t(`ps.access.${access}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(chosen.properties).map(([field, prop]) => {
                const fieldLabel = label(prop['x-tessera'].label, field);
                const current = fieldAccessOf(a, fieldsOf, field);
                return (
                  <tr key={field} data-field={field} className={current === 'edit' ? '' : 'changed'}>
                    <th scope="row">
                      {fieldLabel} <code>{field}</code>
                    </th>
                    {FIELD_ACCESS.map((access) => (
                      <td key={access} className="check">
                        <input
                          type="radio"
                          name={`fls-${fieldsOf}-${field}`}
                          value={access}
                          aria-label={`${fieldLabel}: ${t(`ps.access.${access}` as MessageKey)}`}
                          checked={current === access}
                          onChange={() => setA((x) => setFieldAccess(x, fieldsOf, field, access))}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <fieldset className="section system-permissions">
        <legend>{t('ps.system')}</legend>
        {SYSTEM_PERMISSIONS.map((p) => (
          <label key={p}>
            <input
              type="checkbox"
              data-system={p}
              checked={a.system[p] === true}
              onChange={(e) => set({ system: { ...a.system, [p]: e.target.checked } })}
            />{' '}
            {t(`ps.sys.${p}` as MessageKey)}
          </label>
        ))}
      </fieldset>

      <Refusal error={change.refusal} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={change.busy || !canReviewPermissionSet(a)}
          onClick={() => change.review(reviewed())}
        >
          {t('admin.review')}
        </button>
        <button type="button" onClick={() => navigate({ page: 'permissionSets' })}>
          {t('record.cancel')}
        </button>
      </div>
      <PlanReview change={change} />
    </section>
  );
}
