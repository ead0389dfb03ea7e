/**
 * Setup → Access → Roles: the role hierarchy as a tree, each role under the role it reports to, with its label in
 * the UI language and its API name; a new one and changes in the role editor, deletion after review (the server
 * refuses to delete a role others still report to, shown in place).
 */
import { api } from '../api/client.js';
import type { RoleDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { AccessListFrame } from './AccessListFrame.js';
import { EditDeleteButtons } from './EditDeleteButtons.js';
import { PlanReview } from './PlanReview.js';
import { Refusal } from './Refusal.js';
import { type RoleNode, rolePath, roleTree } from './role-document.js';
import { type ChangeFlow, useChange } from './use-change.js';

export const loadRoles = () => api<{ data: RoleDocument[] }>('GET', '/meta/roles').then((r) => r.data);

/** Siblings by their label in the UI language, then by API name. */
export function useRoleOrder() {
  const { label, locale } = useI18n();
  return (x: RoleDocument, y: RoleDocument) =>
    label(x.label, x.apiName).localeCompare(label(y.label, y.apiName), locale) ||
    x.apiName.localeCompare(y.apiName);
}

export function RolesPage() {
  const { t } = useI18n();
  const roles = useLoad(loadRoles, []);
  const removal = useChange(() => roles.reload());
  const order = useRoleOrder();
  const tree = roleTree(roles.data ?? [], order);
  return (
    <section className="roles">
      <AccessListFrame
        title={t('access.roles')}
        newLabel={t('role.new')}
        onNew={() => navigate({ page: 'role' })}
        hint={t('access.rolesHint')}
        error={roles.error}
        empty={roles.data && tree.length === 0 ? t('role.none') : undefined}
      >
        <Refusal error={removal.refusal} />
        {tree.length > 0 && (
          <ul className="role-tree" aria-label={t('role.tree')}>
            {tree.map((node) => (
              <RoleBranch key={node.role.apiName} node={node} removal={removal} />
            ))}
          </ul>
        )}
        <PlanReview change={removal} />
      </AccessListFrame>
    </section>
  );
}

/** One role's row, then the roles under it, one level in. */
function RoleBranch({ node, removal }: { node: RoleNode; removal: ChangeFlow }) {
  const { t, label } = useI18n();
  const { role, children } = node;
  return (
    <li data-role={role.apiName}>
      <div className="role-row">
        <a
          className="role-label"
          href={`/setup/roles/${role.apiName}/edit`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'role', name: role.apiName });
          }}
        >
          {label(role.label, role.apiName)}
        </a>
        <code>{role.apiName}</code>
        <span className="row-actions">
          <EditDeleteButtons
            onEdit={() => navigate({ page: 'role', name: role.apiName })}
            onDelete={() =>
              removal.review({
                method: 'DELETE',
                path: rolePath(role.apiName),
                summary: t('role.planDelete', { name: role.apiName }),
              })
            }
          />
        </span>
      </div>
      {children.length > 0 && (
        <ul className="role-children">
          {children.map((child) => (
            <RoleBranch key={child.role.apiName} node={child} removal={removal} />
          ))}
        </ul>
      )}
    </li>
  );
}
