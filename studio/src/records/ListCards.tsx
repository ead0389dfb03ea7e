/**
 * A list's records as cards, for a narrow screen where the grid does not fit: each card is titled by the
 * record's name (a link to it) and shows the view's next columns, label above value. The list page renders
 * both; CSS shows the cards at 720 px and below, the grid above.
 */
import type { ListViewColumn, ObjectDescription, RecordData } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { FieldValue } from './FieldValue.js';
import { fieldLabel } from './field-label.js';
import { expandedOf, RecordLink } from './lookup.js';

/** How many of the view's columns a card shows besides the name. */
const CARD_FIELDS = 3;

export function ListCards({
  description,
  rows,
  columns,
}: {
  description: ObjectDescription;
  rows: readonly RecordData[];
  columns: readonly ListViewColumn[];
}) {
  const { t, label } = useI18n();
  const { nameField, apiName, document } = description;
  const shown = columns
    .map((c) => c.field)
    .filter((f) => f !== nameField)
    .slice(0, CARD_FIELDS);
  return (
    <ul className="list-cards">
      {rows.map((r) => (
        <li key={r.id} className="list-card">
          <RecordLink object={apiName} id={r.id}>
            {String(r[nameField] ?? '') || r.id}
          </RecordLink>
          {shown.length > 0 && (
            <dl>
              {shown.map((f) => (
                <div key={f}>
                  <dt>{fieldLabel(document, f, label, t)}</dt>
                  <dd>
                    <FieldValue value={r[f]} prop={document.properties[f]} linked={expandedOf(r, f)} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}
