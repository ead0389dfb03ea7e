/** A saved view's own filter, as chips above the list: what every record of the view meets. */
import type { ObjectDocument } from '../api/types.js';
import { formatValue } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { SYSTEM_FIELD_LABELS } from '../i18n/messages.js';
import { Chip } from '../ui/index.js';
import { describeCondition, operatorKey } from './filter.js';
import { type ViewChip, viewChips } from './view-chips.js';

export function ViewFilterChips({
  object,
  filter,
}: {
  object: ObjectDocument;
  filter: Record<string, unknown> | undefined;
}) {
  const { t, label, locale } = useI18n();
  const chips = viewChips(filter);
  if (!chips.length) return null;
  const words = { yes: t('field.yes'), no: t('field.no') };
  // Keys by content: the same condition twice (in two branches of `and`) counts its repeats.
  const seen = new Map<string, number>();
  const keyOf = (chip: ViewChip) => {
    const text = JSON.stringify(chip);
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return `${text}#${n}`;
  };
  const textOf = (chip: ViewChip) => {
    if ('complex' in chip) return t(chip.complex === 'or' ? 'list.viewFilterAny' : 'list.viewFilterNot');
    const { condition } = chip;
    const prop = object.properties[condition.field];
    const fieldLabel = prop
      ? label(prop['x-tessera'].label, condition.field)
      : condition.field in SYSTEM_FIELD_LABELS
        ? t(SYSTEM_FIELD_LABELS[condition.field as keyof typeof SYSTEM_FIELD_LABELS])
        : condition.field;
    const says = t(operatorKey(condition.op, condition.value, prop));
    return describeCondition(condition, fieldLabel, says, (v) => formatValue(v, prop, locale, words));
  };
  return (
    <ul className="view-filter-chips" aria-label={t('list.viewFilter')}>
      {chips.map((chip) => (
        <li key={keyOf(chip)}>
          <Chip>{textOf(chip)}</Chip>
        </li>
      ))}
    </ul>
  );
}
