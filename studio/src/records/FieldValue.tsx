/** A value as a page shows it: formatted for the locale, and a picklist value with a colour as a badge. */
import type { PropertyDocument } from '../api/types.js';
import { formatValue } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';

export function FieldValue({ value, prop }: { value: unknown; prop: PropertyDocument | undefined }) {
  const { t, locale } = useI18n();
  const text = formatValue(value, prop, locale, { yes: t('field.yes'), no: t('field.no') });
  const colour =
    prop?.['x-tessera'].field === 'picklist'
      ? prop['x-tessera'].options?.find((o) => o.value === value)?.color
      : undefined;
  if (!colour) return <>{text}</>;
  return (
    <span className="badge" style={{ color: colour, borderColor: colour }}>
      {text}
    </span>
  );
}
