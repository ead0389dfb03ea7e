/**
 * The list's columns, on the list itself: anyone who reads it chooses which columns show (and which are pinned),
 * kept for them in their browser; for those who manage metadata, "save as view" keeps the list as it stands —
 * columns with their widths, the filter, the sort, the page size — as a list view document for everyone.
 */
import { type FormEvent, useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError, api } from '../api/client.js';
import type { ListViewColumn, ListViewDocument, ObjectDocument } from '../api/types.js';
import { metadataChanged } from '../api/use-api.js';
import { useI18n } from '../i18n/i18n.js';
import { SYSTEM_FIELD_LABELS } from '../i18n/messages.js';

const SYSTEM_COLUMNS = ['created_at', 'updated_at', 'owner_id'] as const;

interface Props {
  object: ObjectDocument;
  columns: ListViewColumn[];
  onColumns(columns: ListViewColumn[]): void;
  /** Back to the view's own columns (the user's choice forgotten). */
  onReset(): void;
  /** Whether the user may save views for everyone (manage metadata). */
  mayManage: boolean;
  /** The list as it stands, as a view document (without its names). */
  current(): Omit<ListViewDocument, 'kind' | 'apiName' | 'label'>;
  onSaved(apiName: string): void;
}

export function ListViewEditor({ object, columns, onColumns, onReset, mayManage, current, onSaved }: Props) {
  const { t, label } = useI18n();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const shown = new Set(columns.map((c) => c.field));
  const fields = [...Object.keys(object.properties), ...SYSTEM_COLUMNS];
  const fieldLabel = (name: string) =>
    object.properties[name]
      ? label(object.properties[name]?.['x-tessera'].label, name)
      : t(SYSTEM_FIELD_LABELS[name as keyof typeof SYSTEM_FIELD_LABELS]);

  const toggle = (field: string) =>
    onColumns(shown.has(field) ? columns.filter((c) => c.field !== field) : [...columns, { field }]);
  const pin = (field: string) =>
    onColumns(columns.map((c) => (c.field === field ? { ...c, pinned: !c.pinned } : c)));

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const apiName = String(form.get('viewName')).trim();
    const doc: ListViewDocument = {
      kind: 'list_view',
      apiName,
      ...current(),
      label: { en: String(form.get('viewLabel')).trim() || apiName },
    };
    setRefusal(null);
    try {
      await api('PUT', `/meta/list-views/${apiName}`, doc);
      metadataChanged();
      onSaved(apiName);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    }
  }

  return (
    <details className="view-editor">
      <summary>{t(mayManage ? 'list.designView' : 'list.chooseColumns')}</summary>
      <fieldset className="column-chooser">
        <legend>{t('list.columns')}</legend>
        {fields.map((f) => (
          <span key={f} className="column-choice">
            <label>
              <input type="checkbox" checked={shown.has(f)} onChange={() => toggle(f)} /> {fieldLabel(f)}
            </label>
            {shown.has(f) && (
              <label>
                <input
                  type="checkbox"
                  checked={columns.find((c) => c.field === f)?.pinned === true}
                  onChange={() => pin(f)}
                />{' '}
                {t('list.pin')}
              </label>
            )}
          </span>
        ))}
      </fieldset>
      <p className="hint columns-kept">
        {t('list.columnsKept')}{' '}
        <button type="button" onClick={onReset}>
          {t('list.resetColumns')}
        </button>
      </p>
      {mayManage && (
        <form className="save-view" onSubmit={save}>
          <Refusal error={refusal} />
          <label htmlFor="viewName">{t('admin.apiName')}</label>
          <input id="viewName" name="viewName" required pattern="[a-z][a-z0-9_]*" />
          <label htmlFor="viewLabel">{t('admin.labelEn')}</label>
          <input id="viewLabel" name="viewLabel" />
          <button type="submit">{t('list.saveView')}</button>
        </form>
      )}
    </details>
  );
}
