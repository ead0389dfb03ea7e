/** A card's content once its load is over (with data or an error), a spinner before. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Spinner } from '../ui/index.js';

export function Loading({ loaded, children }: { loaded: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return loaded ? children : <Spinner label={t('ui.loading')} />;
}
