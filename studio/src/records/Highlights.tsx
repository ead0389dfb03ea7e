/**
 * The record page's header fields: the layout's `highlights`, else the first fields of its first section (the
 * name field aside, it is the title already). Label above value, in a row that wraps on a narrow screen.
 */
import type { LayoutDocument, ObjectDescription, RecordData } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { FieldValue } from './FieldValue.js';
import { fieldLabel } from './field-label.js';
import { expandedOf } from './lookup.js';

/** How many fields the header shows when the layout names none. */
const FALLBACK = 4;

export function highlightFields(description: ObjectDescription, layout: LayoutDocument): string[] {
  if (layout.highlights?.length) return layout.highlights;
  return (layout.sections[0]?.items ?? [])
    .map((i) => i.field)
    .filter((f) => f !== description.nameField && description.document.properties[f])
    .slice(0, FALLBACK);
}

export function Highlights({
  description,
  layout,
  record,
}: {
  description: ObjectDescription;
  layout: LayoutDocument;
  record: RecordData;
}) {
  const { t, label } = useI18n();
  const fields = highlightFields(description, layout);
  if (fields.length === 0) return null;
  return (
    <dl className="highlights">
      {fields.map((field) => (
        <div key={field} data-field={field}>
          <dt>{fieldLabel(description.document, field, label, t)}</dt>
          <dd>
            {record[field] === null || record[field] === undefined ? (
              '—'
            ) : (
              <FieldValue
                value={record[field]}
                prop={description.document.properties[field]}
                linked={expandedOf(record, field)}
              />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
