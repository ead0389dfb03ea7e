/**
 * The app's navigation: home, the objects the user may read (grouped by app), and Setup for admins. The same
 * links in the side bar on a wide screen and in the drawer on a phone; `onNavigate` closes the drawer.
 */
import { House, Settings } from 'lucide-react';
import type { MouseEvent } from 'react';
import type { ObjectSummary } from '../api/types.js';
import { navigate, type Route, useRoute } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { byApp } from './app-groups.js';

interface Props {
  objects: readonly ObjectSummary[];
  current: string | undefined;
  onNavigate?: () => void;
}

/** The setup page a route belongs to, for the menu to mark. */
function setupSection(route: Route): string | undefined {
  switch (route.page) {
    case 'setup':
      return 'setup';
    case 'permissionSets':
    case 'permissionSet':
      return 'permissionSets';
    case 'roles':
    case 'role':
      return 'roles';
    case 'users':
    case 'user':
      return 'users';
    case 'automations':
    case 'automation':
    case 'automationRuns':
      return 'automations';
    default:
      return undefined;
  }
}

const SETUP_PAGES: { page: 'permissionSets' | 'roles' | 'automations' | 'users'; text: MessageKey }[] = [
  { page: 'permissionSets', text: 'access.permissionSets' },
  { page: 'roles', text: 'access.roles' },
  { page: 'automations', text: 'auto.title' },
  { page: 'users', text: 'access.users' },
];

export function NavLinks({ objects, current, onNavigate }: Props) {
  const { t, label, locale } = useI18n();
  const { me } = useSession();
  const route = useRoute();
  const section = setupSection(route);
  const go = (to: Route) => (e: MouseEvent) => {
    e.preventDefault();
    navigate(to);
    onNavigate?.();
  };
  const plural = (o: ObjectSummary) => label(o.pluralLabel ?? o.label, o.apiName);
  const sortedByLabel = (list: readonly ObjectSummary[]) =>
    [...list].sort((a, b) => plural(a).localeCompare(plural(b), locale));
  const mayManage = (page: (typeof SETUP_PAGES)[number]['page']) =>
    page === 'users' ? me?.system.manageUsers : me?.system.manageMetadata;
  return (
    <>
      <ul className="nav-home">
        <li>
          <a
            href="/"
            aria-current={route.page === 'home' ? 'page' : undefined}
            onClick={go({ page: 'home' })}
          >
            <House size={16} aria-hidden="true" />
            {t('nav.home')}
          </a>
        </li>
      </ul>
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
                    onClick={go({ page: 'list', object: o.apiName })}
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
            onClick={go({ page: 'setup' })}
          >
            <Settings size={16} aria-hidden="true" />
            {t('admin.setup')}
          </a>
          <ul className="setup-pages">
            {SETUP_PAGES.filter((p) => mayManage(p.page)).map((p) => (
              <li key={p.page}>
                <a
                  href={`/setup/${p.page === 'permissionSets' ? 'permission-sets' : p.page}`}
                  aria-current={section === p.page ? 'page' : undefined}
                  onClick={go({ page: p.page })}
                >
                  {t(p.text)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
