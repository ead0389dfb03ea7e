/**
 * The UI language: chosen by the user (kept in the browser), else the browser's own if we have it. `t` gives
 * the studio's texts, `label` a metadata text (`{ "en": …, "zh-CN": … }`) in the same language.
 */
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client.js';
import type { LocalizedText } from '../api/types.js';
import { LOCALES, type Locale, MESSAGES, type MessageKey } from './messages.js';

const STORAGE_KEY = 'tessera-locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The text for a locale: exact tag, then its language, then English, then any (as the server's `localize`). */
export function localize(text: LocalizedText | undefined, locale: string): string | undefined {
  if (!text) return undefined;
  const language = locale.split('-')[0] ?? '';
  const variant = Object.keys(text).find((tag) => tag.startsWith(`${language}-`));
  return (
    text[locale] ??
    text[language] ??
    (variant ? text[variant] : undefined) ??
    text.en ??
    Object.values(text)[0]
  );
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
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
      t(key, vars) {
        const text = MESSAGES[locale][key];
        return vars ? text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? '')) : text;
      },
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
