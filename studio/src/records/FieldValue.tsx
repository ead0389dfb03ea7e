/**
 * A value as a page shows it: formatted for the locale, a picklist value with a colour as a badge, and a lookup
 * as the linked record's name and a user field as the user's (given as `linked`, from the page's `expand`).
 */
import type { PropertyDocument } from '../api/types.js';
import { formatValue } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { isLink, LookupValue } from './lookup.js';
import { isUserField, type UserSummary, UserValue } from './users.js';

interface Props {
  value: unknown;
  prop: PropertyDocument | undefined;
  /** For a lookup: the linked record (null when the user may not read it); for a user field: the user. */
  linked?: Record<string, unknown> | null;
  /** For a roll-up: the field it summarizes. */
  summarized?: PropertyDocument | undefined;
}

export function FieldValue({ value, prop, linked, summarized }: Props) {
  const { t, locale } = useI18n();
  if (prop && isLink(prop) && typeof value === 'string' && value)
    return <LookupValue id={value} prop={prop} linked={linked} />;
  if (isUserField(prop) && typeof value === 'string' && value)
    return <UserValue id={value} user={linked as UserSummary | null | undefined} />;
  const text = formatValue(value, prop, locale, { yes: t('field.yes'), no: t('field.no') }, summarized);
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
