/** A field's name as people read it: its label in the UI language, a system field's name, else the API name. */
import type { ObjectDocument } from '../api/types.js';
import type { useI18n } from '../i18n/i18n.js';
import { SYSTEM_FIELD_LABELS } from '../i18n/messages.js';

export function fieldLabel(
  doc: ObjectDocument,
  field: string,
  label: ReturnType<typeof useI18n>['label'],
  t: ReturnType<typeof useI18n>['t'],
): string {
  const prop = doc.properties[field];
  if (prop) return label(prop['x-tessera'].label, prop.title ?? field);
  return field in SYSTEM_FIELD_LABELS
    ? t(SYSTEM_FIELD_LABELS[field as keyof typeof SYSTEM_FIELD_LABELS])
    : field;
}
