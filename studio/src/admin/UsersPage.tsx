/**
 * Setup → Access → Users: the workspace's people with their email, role, permission sets and whether they are
 * active or admins; a new user and changes in the user editor. Needs manageUsers; the labels of roles and
 * permission sets come from the metadata when the admin may read it too (else their API names are shown).
 */
import { api } from '../api/client.js';
import type { LocalizedText, PermissionSetDocument, RoleDocument } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { AccessListFrame } from './AccessListFrame.js';
import type { UserSummary } from './user-document.js';

export const loadUsers = () => api<{ data: UserSummary[] }>('GET', '/users').then((r) => r.data);

/** Roles and permission sets by name, with their labels: `undefined` when the caller may not read metadata. */
export interface AccessNames {
  roles: { apiName: string; label?: LocalizedText }[];
  permissionSets: { apiName: string; label?: LocalizedText }[];
}

export function useAccessNames(): AccessNames | undefined {
  const { me } = useSession();
  const mayRead = me?.system.manageMetadata === true;
  return useLoad(
    () =>
      mayRead
        ? Promise.all([
            api<{ data: RoleDocument[] }>('GET', '/meta/roles').then((r) => r.data),
            api<{ data: PermissionSetDocument[] }>('GET', '/meta/permission-sets').then((r) => r.data),
          ]).then(([roles, permissionSets]) => ({ roles, permissionSets }))
        : Promise.resolve(undefined),
    [mayRead],
  ).data;
}

export function UsersPage() {
  const { t, label } = useI18n();
  const { me } = useSession();
  const users = useLoad(loadUsers, []);
  const names = useAccessNames();
  const roleLabel = (name: string) => label(names?.roles.find((r) => r.apiName === name)?.label, name);
  const setLabel = (name: string) =>
    label(names?.permissionSets.find((s) => s.apiName === name)?.label, name);
  const list = users.data ?? [];
  return (
    <section className="users">
      <AccessListFrame
        title={t('access.users')}
        newLabel={t('user.new')}
        onNew={() => navigate({ page: 'user' })}
        hint={t('access.usersHint')}
        error={users.error}
        empty={users.data && list.length === 0 ? t('user.none') : undefined}
      >
        {list.length > 0 && (
          <table className="fields-table access-table users-table">
            <thead>
              <tr>
                <th>{t('user.name')}</th>
                <th>{t('user.email')}</th>
                <th>{t('user.role')}</th>
                <th>{t('user.permissionSets')}</th>
                <th>{t('user.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id} data-user={u.email} className={u.active ? '' : 'muted'}>
                  <td>
                    <a
                      href={`/setup/users/${u.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'user', id: u.id });
                      }}
                    >
                      {u.name}
                    </a>
                    {u.id === me?.user?.id && <span className="hint"> ({t('user.you')})</span>}
                  </td>
                  <td>{u.email}</td>
                  <td>{u.role ? roleLabel(u.role) : '—'}</td>
                  <td>{u.permissionSets.map(setLabel).join(', ') || '—'}</td>
                  <td>
                    <span className={`badge ${u.active ? 'on' : 'off'}`}>
                      {t(u.active ? 'user.active' : 'user.inactive')}
                    </span>
                    {u.admin && <span className="badge admin">{t('user.adminBadge')}</span>}
                  </td>
                  <td className="row-actions">
                    <button type="button" onClick={() => navigate({ page: 'user', id: u.id })}>
                      {t('admin.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AccessListFrame>
    </section>
  );
}
