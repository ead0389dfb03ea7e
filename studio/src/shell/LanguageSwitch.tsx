/** English or 简体中文, switched at once and remembered by the browser. */
import { useI18n } from '../i18n/i18n.js';
import { LOCALES, type Locale } from '../i18n/messages.js';
import { Select } from '../ui/index.js';

const NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <Select
        aria-label={t('app.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </Select>
    </label>
  );
}
