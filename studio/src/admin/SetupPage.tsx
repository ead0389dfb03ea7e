/**
 * Setup: the workspace's objects, and a new one (API name, labels in both languages), reviewed before it is made;
 * and the packages installed, with what each brings.
 */
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.js';
import type { ObjectDocument, PackageSummary } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate, type Route } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { useChange } from './use-change.js';

/** Setup's start: the access pages the user may open, then (for those who manage metadata) objects and packages. */
export function SetupPage() {
  const { me } = useSession();
  return (
    <>
      <AccessLinks />
      {me?.system.manageMetadata && <ObjectsSetup />}
    </>
  );
}

/** Setup → Access: a link to each page the user's system permissions allow. */
function AccessLinks() {
  const { t } = useI18n();
  const { me } = useSession();
  const pages: { route: Route; href: string; title: MessageKey; hint: MessageKey; may: boolean }[] = [
    {
      route: { page: 'permissionSets' },
      href: '/setup/permission-sets',
      title: 'access.permissionSets',
      hint: 'access.permissionSetsHint',
      may: me?.system.manageMetadata === true,
    },
    {
      route: { page: 'roles' },
      href: '/setup/roles',
      title: 'access.roles',
      hint: 'access.rolesHint',
      may: me?.system.manageMetadata === true,
    },
    {
      route: { page: 'users' },
      href: '/setup/users',
      title: 'access.users',
      hint: 'access.usersHint',
      may: me?.system.manageUsers === true,
    },
  ];
  return (
    <section className="section access" aria-labelledby="access-title">
      <h2 id="access-title">{t('access.title')}</h2>
      <p className="hint">{t('access.hint')}</p>
      <ul className="access-links">
        {pages
          .filter((p) => p.may)
          .map((p) => (
            <li key={p.href}>
              <a
                href={p.href}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(p.route);
                }}
              >
                {t(p.title)}
              </a>
              <span className="hint">{t(p.hint)}</span>
            </li>
          ))}
      </ul>
    </section>
  );
}

function ObjectsSetup() {
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
      <Packages />
    </section>
  );
}

/** The kinds of document a package may own, in the order a list names them. */
const KINDS: [string, MessageKey][] = [
  ['object', 'kind.object'],
  ['layout', 'kind.layout'],
  ['list_view', 'kind.list_view'],
  ['permission_set', 'kind.permission_set'],
  ['role', 'kind.role'],
  ['validation_rule', 'kind.validation_rule'],
  ['duplicate_rule', 'kind.duplicate_rule'],
  ['automation', 'kind.automation'],
];

/** The installed packages, read-only: installing and uninstalling stay with the CLI and the API. */
function Packages() {
  const { t, label } = useI18n();
  const packages = useLoad(
    () => api<{ data: PackageSummary[] }>('GET', '/meta/packages').then((r) => r.data),
    [],
  );
  const kindLabel = (kind: string) => {
    const known = KINDS.find(([k]) => k === kind);
    return known ? t(known[1]) : kind;
  };
  return (
    <section className="section packages" aria-labelledby="packages-title">
      <h2 id="packages-title">{t('admin.packages')}</h2>
      <p className="hint">{t('admin.packagesHint')}</p>
      {packages.error && <p role="alert">{t('error.generic', { message: packages.error.message })}</p>}
      {packages.data?.length === 0 && <p>{t('admin.noPackages')}</p>}
      {packages.data?.length ? (
        <table className="package-table">
          <thead>
            <tr>
              <th>{t('admin.package')}</th>
              <th>{t('admin.packageVersion')}</th>
              <th>{t('admin.dependencies')}</th>
              <th>{t('admin.owns')}</th>
            </tr>
          </thead>
          <tbody>
            {packages.data.map((p) => {
              const dependencies = Object.entries(p.dependencies ?? {});
              const owned = [
                ...KINDS.map(([k]) => k).filter((k) => p.owns[k]?.length),
                ...Object.keys(p.owns).filter(
                  (k) => !KINDS.some(([known]) => known === k) && p.owns[k]?.length,
                ),
              ];
              return (
                <tr key={p.name} data-package={p.name}>
                  <td>
                    <strong>{label(p.label, p.name)}</strong> <code>{p.name}</code>
                    {p.description && <div className="hint">{label(p.description, '')}</div>}
                  </td>
                  <td>{p.version}</td>
                  <td>
                    {dependencies.length
                      ? dependencies.map(([name, range]) => (
                          <div key={name}>
                            <code>
                              {name} {range}
                            </code>
                          </div>
                        ))
                      : t('admin.none')}
                  </td>
                  <td>
                    <ul className="owns">
                      {owned.map((kind) => (
                        <li key={kind} data-kind={kind}>
                          {t('admin.ownsCount', {
                            kind: kindLabel(kind),
                            count: p.owns[kind]?.length ?? 0,
                          })}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
