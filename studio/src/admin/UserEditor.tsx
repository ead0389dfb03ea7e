/**
 * A user, new or existing, on its own page. New: email, name, password, role, permission sets, admin. Existing:
 * the email shown, name, role, permission sets, admin, active (deactivating signs them out everywhere), and an
 * optional new password. Saved straight away (users are not metadata); the server's refusal (a password too
 * short, an email already used) is shown in place, on the field it names.
 */
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { choiceText } from '../i18n/choices.js';
import { useI18n } from '../i18n/i18n.js';
import { Refusal } from './Refusal.js';
import { loadUsers, useAccessNames } from './UsersPage.js';
import {
  blankUser,
  canCreateUser,
  newUserBody,
  toggleName,
  type UserAnswers,
  type UserSummary,
  userAnswersOf,
  userPatch,
} from './user-document.js';

export function UserEditorPage({ id }: { id?: string }) {
  const { t } = useI18n();
  // The list, not one user: the names of permission sets and roles already given are offered even to a user
  // manager who may not read the metadata.
  const users = useLoad(loadUsers, []);
  const names = useAccessNames();
  if (users.error) return <p role="alert">{t('error.generic', { message: users.error.message })}</p>;
  if (!users.data) return null;
  const user = id ? users.data.find((u) => u.id === id) : undefined;
  if (id && !user) return <p role="alert">{t('user.notFound')}</p>;
  const fromUsers = (pick: (u: UserSummary) => string[]) =>
    [...new Set(users.data?.flatMap(pick))].sort().map((apiName) => ({ apiName }));
  const choices = names ?? {
    roles: fromUsers((u) => (u.role ? [u.role] : [])),
    permissionSets: fromUsers((u) => u.permissionSets),
  };
  return <UserEditor key={id ?? ''} {...(user ? { user } : {})} choices={choices} />;
}

function UserEditor({
  user,
  choices,
}: {
  user?: UserSummary;
  choices: NonNullable<ReturnType<typeof useAccessNames>>;
}) {
  const { t, label } = useI18n();
  const { me } = useSession();
  const [a, setA] = useState<UserAnswers>(user ? userAnswersOf(user) : blankUser());
  const set = (patch: Partial<UserAnswers>) => setA((current) => ({ ...current, ...patch }));
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const self = user !== undefined && user.id === me?.user?.id;
  const title = user ? t('user.edit', { name: user.name }) : t('user.new');
  const setNames = choices.permissionSets.map((s) => s.apiName);
  // A set or role given before but gone from the metadata stays visible, so it can be taken away.
  const offeredSets = [...setNames, ...a.permissionSets.filter((n) => !setNames.includes(n))];
  const invalid = (pointer: string) => refusal?.errors.some((e) => e.pointer === pointer) === true;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      if (user) await api('PATCH', `/users/${user.id}`, userPatch(user, a));
      else await api('POST', '/users', newUserBody(a));
      navigate({ page: 'users' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="user-editor" aria-label={title}>
      <div className="toolbar">
        <h1>{title}</h1>
        <button type="button" onClick={() => navigate({ page: 'users' })}>
          {t('access.users')}
        </button>
      </div>
      <form className="section admin-form" onSubmit={submit}>
        <Refusal error={refusal} />
        <label htmlFor="user-email">{t('user.email')}</label>
        <input
          id="user-email"
          type="email"
          autoComplete="off"
          required
          value={a.email}
          disabled={user !== undefined}
          aria-invalid={invalid('/email')}
          onChange={(e) => set({ email: e.target.value })}
        />
        <label htmlFor="user-name">{t('user.name')}</label>
        <input
          id="user-name"
          value={a.name}
          aria-invalid={invalid('/name')}
          onChange={(e) => set({ name: e.target.value })}
        />
        <label htmlFor="user-password">{t(user ? 'user.newPassword' : 'user.password')}</label>
        <input
          id="user-password"
          type="password"
          autoComplete="new-password"
          value={a.password}
          aria-invalid={invalid('/password')}
          aria-describedby="user-password-hint"
          onChange={(e) => set({ password: e.target.value })}
        />
        <p id="user-password-hint" className="hint">
          {t('user.passwordHint')} {user ? t('user.newPasswordHint') : ''}
        </p>
        <label htmlFor="user-role">{t('user.role')}</label>
        <select
          id="user-role"
          value={a.role}
          aria-invalid={invalid('/role')}
          onChange={(e) => set({ role: e.target.value })}
        >
          <option value="">{t('user.noRole')}</option>
          {choices.roles.map((r) => (
            <option key={r.apiName} value={r.apiName}>
              {choiceText(t, label(r.label, r.apiName), r.apiName)}
            </option>
          ))}
          {a.role && !choices.roles.some((r) => r.apiName === a.role) && (
            <option value={a.role}>{a.role}</option>
          )}
        </select>
        <fieldset className="user-sets">
          <legend>{t('user.permissionSets')}</legend>
          {offeredSets.length === 0 && <p className="muted">{t('user.noPermissionSets')}</p>}
          {offeredSets.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                data-permission-set={name}
                checked={a.permissionSets.includes(name)}
                onChange={(e) =>
                  set({ permissionSets: toggleName(a.permissionSets, name, e.target.checked, offeredSets) })
                }
              />{' '}
              {label(choices.permissionSets.find((s) => s.apiName === name)?.label, name)} <code>{name}</code>
            </label>
          ))}
        </fieldset>
        <label>
          <input
            type="checkbox"
            id="user-admin"
            checked={a.admin}
            disabled={self}
            onChange={(e) => set({ admin: e.target.checked })}
          />{' '}
          {t('user.admin')}
        </label>
        {user && (
          <>
            <label>
              <input
                type="checkbox"
                id="user-active"
                checked={a.active}
                disabled={self}
                onChange={(e) => set({ active: e.target.checked })}
              />{' '}
              {t('user.activeLabel')}
            </label>
            <p className="hint">{self ? t('user.self') : t('user.activeHint')}</p>
          </>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || (!user && !canCreateUser(a))}>
            {user ? t('record.save') : t('user.create')}
          </button>
          <button type="button" onClick={() => navigate({ page: 'users' })}>
            {t('record.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
