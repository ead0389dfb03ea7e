/** The frame around every page: the objects the user may read, the language, and signing out. */
import type { ReactNode } from 'react';
import type { ObjectSummary } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';

interface Props {
  objects: readonly ObjectSummary[];
  current: string | undefined;
  children: ReactNode;
}

export function Shell({ objects, current, children }: Props) {
  const { t, label } = useI18n();
  const { me, signOut } = useSession();
  return (
    <div className="shell">
      <header>
        <strong className="brand">{t('app.name')}</strong>
        <span className="who">{me?.user?.name ?? me?.user?.email}</span>
        <LanguageSwitch />
        <button type="button" onClick={() => signOut().then(() => navigate({ page: 'signIn' }))}>
          {t('auth.signOut')}
        </button>
      </header>
      <nav aria-label={t('nav.objects')}>
        <ul>
          {objects.map((o) => (
            <li key={o.apiName}>
              <a
                href={`/o/${o.apiName}`}
                aria-current={o.apiName === current ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'list', object: o.apiName });
                }}
              >
                {label(o.pluralLabel ?? o.label, o.apiName)}
              </a>
            </li>
          ))}
        </ul>
        {me?.system.manageMetadata && (
          <a
            className="setup-link"
            href="/setup"
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'setup' });
            }}
          >
            {t('admin.setup')}
          </a>
        )}
      </nav>
      <main>{children}</main>
    </div>
  );
}
