/**
 * The UI language: chosen by the user (kept in the browser), else the browser's own if we have it. `t` gives
 * the studio's texts (ICU messages: plurals, numbers), `label` a metadata text (`{ "en": …, "zh-CN": … }`) in the same language.
 */
import { localize } from '@tessera/engine/localized-text';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client.js';
import type { LocalizedText } from '../api/types.js';
import { LOCALES, type Locale, type MessageKey } from './messages.js';
import { type MessageValues, translate } from './translate.js';

const STORAGE_KEY = 'tessera-locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: MessageValues): string;
  label(text: LocalizedText | undefined, fallback: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const value = useMemo<I18n>(() => {
    setApiLanguage(locale);
    document.documentElement.lang = locale;
    return {
      locale,
      setLocale(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLocaleState(next);
      },
      t: (key, values) => translate(locale, key, values),
      label: (text, fallback) => localize(text, locale) ?? fallback,
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
