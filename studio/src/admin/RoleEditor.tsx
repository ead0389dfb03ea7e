/**
 * A role, new or existing, on its own page: API name (fixed once made), label in both languages, and the role it
 * reports to, chosen from the other roles in tree order — never itself nor a role below it, which would make the
 * hierarchy loop. Saving is reviewed like every metadata change; the server's refusal is shown in place.
 */
import { useState } from 'react';
import type { RoleDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { choiceText } from '../i18n/choices.js';
import { useI18n } from '../i18n/i18n.js';
import type { Change } from './change.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { loadRoles, useRoleOrder } from './RolesPage.js';
import {
  blankRole,
  canReviewRole,
  parentChoices,
  type RoleAnswers,
  roleAnswersOf,
  roleDocument,
  rolePath,
} from './role-document.js';
import { useChange } from './use-change.js';

export function RoleEditorPage({ name }: { name?: string }) {
  const { t } = useI18n();
  const roles = useLoad(loadRoles, []);
  if (roles.error) return <p role="alert">{t('error.generic', { message: roles.error.message })}</p>;
  if (!roles.data) return null;
  const existing = name ? roles.data.find((r) => r.apiName === name) : undefined;
  if (name && !existing) return <p role="alert">{t('role.notFound', { name })}</p>;
  return <RoleEditor key={name ?? ''} roles={roles.data} {...(existing ? { existing } : {})} />;
}

function RoleEditor({ roles, existing }: { roles: RoleDocument[]; existing?: RoleDocument }) {
  const { t, label } = useI18n();
  const [a, setA] = useState<RoleAnswers>(existing ? roleAnswersOf(existing) : blankRole());
  const set = (patch: Partial<RoleAnswers>) => setA((current) => ({ ...current, ...patch }));
  const change = useChange(() => navigate({ page: 'roles' }));
  const order = useRoleOrder();
  const choices = parentChoices(roles, existing?.apiName ?? '', order);
  const title = existing ? t('role.edit', { name: existing.apiName }) : t('role.new');
  const nameOf = (apiName: string) => {
    const r = roles.find((x) => x.apiName === apiName);
    return r ? label(r.label, apiName) : apiName;
  };

  const reviewed = (): Change => {
    const doc = roleDocument(a, existing);
    const verb = t(existing ? 'role.planChange' : 'role.planCreate', { name: doc.apiName });
    const where = doc.parent ? t('role.planParent', { parent: nameOf(doc.parent) }) : t('role.planTop');
    return { method: 'PUT', path: rolePath(doc.apiName), body: doc, summary: `${verb} ${where}` };
  };

  return (
    <section className="role-editor" aria-label={title}>
      <div className="toolbar">
        <h1>{title}</h1>
        <button type="button" onClick={() => navigate({ page: 'roles' })}>
          {t('access.roles')}
        </button>
      </div>
      <div className="section admin-form">
        <label htmlFor="role-name">{t('admin.apiName')}</label>
        <input
          id="role-name"
          value={a.apiName}
          disabled={existing !== undefined}
          required
          pattern="[a-z][a-z0-9_]*"
          onChange={(e) => set({ apiName: e.target.value })}
        />
        <label htmlFor="role-label-en">{t('admin.labelEn')}</label>
        <input id="role-label-en" value={a.labelEn} onChange={(e) => set({ labelEn: e.target.value })} />
        <label htmlFor="role-label-zh">{t('admin.labelZh')}</label>
        <input id="role-label-zh" value={a.labelZh} onChange={(e) => set({ labelZh: e.target.value })} />
        <label htmlFor="role-parent">{t('role.parent')}</label>
        <select
          id="role-parent"
          value={a.parent}
          aria-describedby="role-parent-hint"
          onChange={(e) => set({ parent: e.target.value })}
        >
          <option value="">{t('role.noParent')}</option>
          {choices.map(({ role, depth }) => (
            <option key={role.apiName} value={role.apiName}>
              {`${'\u00a0\u00a0'.repeat(depth)}${choiceText(t, label(role.label, role.apiName), role.apiName)}`}
            </option>
          ))}
          {/* A parent gone from the metadata stays visible, so it can be changed. */}
          {a.parent && !roles.some((r) => r.apiName === a.parent) && (
            <option value={a.parent}>{a.parent}</option>
          )}
        </select>
        <p id="role-parent-hint" className="hint">
          {t('role.parentHint')}
        </p>
      </div>

      <Refusal error={change.refusal} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={change.busy || !canReviewRole(a)}
          onClick={() => change.review(reviewed())}
        >
          {t('admin.review')}
        </button>
        <button type="button" onClick={() => navigate({ page: 'roles' })}>
          {t('record.cancel')}
        </button>
      </div>
      <PlanReview change={change} />
    </section>
  );
}
