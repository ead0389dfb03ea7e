/** English or 简体中文, switched at once and remembered by the browser. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { LOCALES, type Locale } from '../i18n/messages.js';
import { Select } from '../ui/index.js';

const NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <span className="language">
      <label htmlFor={id}>{t('app.language')}</label>{' '}
      <Select id={id} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </Select>
    </span>
  );
}
