/**
 * The frame around every page: a top bar (the menu button on a phone, notifications, language, the account
 * menu with signing out), the navigation — a side bar on a wide screen, a drawer opened by the menu button on
 * a narrow one — and the page.
 */
import { CircleUser, LogOut, Menu as MenuIcon } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import type { ObjectSummary } from '../api/types.js';
import { navigate, pathOf } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { Drawer, IconButton, Menu, MenuItem, MenuLabel } from '../ui/index.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NavLinks } from './NavLinks.js';
import { NotificationBell } from './NotificationBell.js';

interface Props {
  objects: readonly ObjectSummary[];
  current: string | undefined;
  children: ReactNode;
}

export function Shell({ objects, current, children }: Props) {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const [drawer, setDrawer] = useState(false);
  return (
    <div className="shell">
      <header className="topbar">
        <IconButton
          className="nav-toggle"
          icon={MenuIcon}
          label={t('nav.menu')}
          aria-expanded={drawer}
          onClick={() => setDrawer(true)}
        />
        <a
          className="brand"
          href={pathOf({ page: 'home' })}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'home' });
          }}
        >
          {t('app.name')}
        </a>
        {me?.user && <NotificationBell />}
        <span className="wide-only">
          <LanguageSwitch />
        </span>
        <Menu trigger={<IconButton icon={CircleUser} label={t('nav.account')} />}>
          <MenuLabel>{me?.user?.name ?? me?.user?.email}</MenuLabel>
          <MenuItem icon={LogOut} onSelect={() => signOut().then(() => navigate({ page: 'signIn' }))}>
            {t('auth.signOut')}
          </MenuItem>
        </Menu>
      </header>
      <nav className="sidebar" aria-label={t('nav.objects')}>
        <NavLinks objects={objects} current={current} />
      </nav>
      <Drawer open={drawer} onOpenChange={setDrawer} title={t('app.name')} closeLabel={t('nav.close')}>
        <nav className="drawer-nav" aria-label={t('nav.objects')}>
          <NavLinks objects={objects} current={current} onNavigate={() => setDrawer(false)} />
        </nav>
        <LanguageSwitch />
      </Drawer>
      <main>{children}</main>
    </div>
  );
}
