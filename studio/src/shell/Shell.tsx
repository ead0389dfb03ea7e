/** The frame around every page: the objects the user may read, the language, and signing out. */
import type { ReactNode } from 'react';
import type { ObjectSummary } from '../api/types.js';
import { navigate, useRoute } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { byApp } from './app-groups.js';
import { CommandMenu } from './CommandMenu.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationBell } from './NotificationBell.js';

interface Props {
  objects: readonly ObjectSummary[];
  current: string | undefined;
  children: ReactNode;
}

export function Shell({ objects, current, children }: Props) {
  const { t, label, locale } = useI18n();
  const { me, signOut } = useSession();
  const route = useRoute();
  // The setup page the user is on, for the menu to mark.
  const section =
    route.page === 'setup'
      ? 'setup'
      : route.page === 'permissionSets' || route.page === 'permissionSet'
        ? 'permissionSets'
        : route.page === 'roles' || route.page === 'role'
          ? 'roles'
          : route.page === 'users' || route.page === 'user'
            ? 'users'
            : route.page === 'automations' || route.page === 'automation' || route.page === 'automationRuns'
              ? 'automations'
              : undefined;
  const plural = (o: ObjectSummary) => label(o.pluralLabel ?? o.label, o.apiName);
  const sortedByLabel = (list: readonly ObjectSummary[]) =>
    [...list].sort((a, b) => plural(a).localeCompare(plural(b), locale));
  return (
    <div className="shell">
      <header>
        <strong className="brand">{t('app.name')}</strong>
        <CommandMenu objects={objects} />
        <span className="who">{me?.user?.name ?? me?.user?.email}</span>
        {me?.user && <NotificationBell />}
        <LanguageSwitch />
        <button type="button" onClick={() => signOut().then(() => navigate({ page: 'signIn' }))}>
          {t('auth.signOut')}
        </button>
      </header>
      <nav aria-label={t('nav.objects')}>
        {byApp(objects).map((group) => {
          // Headings only when apps are installed: then the admin's own objects get one too.
          const heading = group.label
            ? label(group.label, group.name ?? '')
            : objects.some((o) => o.app)
              ? t('nav.ownObjects')
              : undefined;
          return (
            <section key={group.name ?? ''} aria-label={heading}>
              {heading && <h2 className="nav-app">{heading}</h2>}
              <ul>
                {sortedByLabel(group.objects).map((o) => (
                  <li key={o.apiName}>
                    <a
                      href={`/o/${o.apiName}`}
                      aria-current={o.apiName === current ? 'page' : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'list', object: o.apiName });
                      }}
                    >
                      {plural(o)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {(me?.system.manageMetadata || me?.system.manageUsers) && (
          <section className="setup-nav" aria-label={t('admin.setup')}>
            <a
              className="setup-link"
              href="/setup"
              aria-current={section === 'setup' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'setup' });
              }}
            >
              {t('admin.setup')}
            </a>
            <ul className="setup-pages">
              {me?.system.manageMetadata && (
                <li>
                  <a
                    href="/setup/permission-sets"
                    aria-current={section === 'permissionSets' ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'permissionSets' });
                    }}
                  >
                    {t('access.permissionSets')}
                  </a>
                </li>
              )}
              {me?.system.manageMetadata && (
                <li>
                  <a
                    href="/setup/roles"
                    aria-current={section === 'roles' ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'roles' });
                    }}
                  >
                    {t('access.roles')}
                  </a>
                </li>
              )}
              {me?.system.manageMetadata && (
                <li>
                  <a
                    href="/setup/automations"
                    aria-current={section === 'automations' ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'automations' });
                    }}
                  >
                    {t('auto.title')}
                  </a>
                </li>
              )}
              {me?.system.manageUsers && (
                <li>
                  <a
                    href="/setup/users"
                    aria-current={section === 'users' ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'users' });
                    }}
                  >
                    {t('access.users')}
                  </a>
                </li>
              )}
            </ul>
          </section>
        )}
      </nav>
      <main>{children}</main>
    </div>
  );
}
