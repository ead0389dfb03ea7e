/**
 * The list's columns and how it shows, on the list itself: anyone who reads it chooses which columns show (and
 * which are pinned), kept for them in their browser, and whether it is a table, a board by a picklist or a
 * calendar by a date; anyone may keep the list as it stands — columns with their widths, the filter, the sort,
 * the page size, the display — as a view of their own, which only they see; those who manage metadata may also
 * save it as a list view document for everyone.
 */
import { TesseraApiError } from '@tessera/client';
import { type FormEvent, useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError, api } from '../api/client.js';
import { asApiError, personalViews } from '../api/tessera.js';
import type { ListViewColumn, ListViewDocument, ObjectDocument, ViewRole } from '../api/types.js';
import { metadataChanged } from '../api/use-api.js';
import { useI18n } from '../i18n/i18n.js';
import { SYSTEM_FIELD_LABELS } from '../i18n/messages.js';

const SYSTEM_COLUMNS = ['created_at', 'updated_at', 'owner_id'] as const;

/** How the list shows, as a view keeps it. */
export type DisplayChoice = Pick<ListViewDocument, 'board' | 'calendar'> & {
  display: NonNullable<ListViewDocument['display']>;
};

/** The field roles each display is laid out by (from the describe's `viewRoles`). */
const LAID_OUT_BY = { board: ['group'], calendar: ['day', 'instant'] } as const satisfies Record<
  'board' | 'calendar',
  readonly ViewRole[]
>;

interface Props {
  object: ObjectDocument;
  columns: ListViewColumn[];
  onColumns(columns: ListViewColumn[]): void;
  /** Back to the view's own columns (the user's choice forgotten). */
  onReset(): void;
  /** Whether the user may save views for everyone (manage metadata). */
  mayManage: boolean;
  /** Whether the user may keep views of their own (a signed-in user, not a bare token). */
  mayKeepOwn: boolean;
  viewRoles: Record<string, ViewRole>;
  display: DisplayChoice;
  onDisplay(display: DisplayChoice): void;
  /** The list as it stands, as a view document (without its names). */
  current(): Omit<ListViewDocument, 'kind' | 'apiName' | 'label'>;
  onSaved(apiName: string): void;
  onSavedOwn(apiName: string): void;
}

export function ListViewEditor({
  object,
  columns,
  onColumns,
  onReset,
  mayManage,
  mayKeepOwn,
  viewRoles,
  display,
  onDisplay,
  current,
  onSaved,
  onSavedOwn,
}: Props) {
  const { t, label } = useI18n();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const shown = new Set(columns.map((c) => c.field));
  const fields = [...Object.keys(object.properties), ...SYSTEM_COLUMNS];
  const fieldLabel = (name: string) =>
    object.properties[name]
      ? label(object.properties[name]?.['x-tessera'].label, name)
      : t(SYSTEM_FIELD_LABELS[name as keyof typeof SYSTEM_FIELD_LABELS]);
  const laidOutBy = (kind: 'board' | 'calendar') =>
    Object.keys(viewRoles).filter((f) =>
      (LAID_OUT_BY[kind] as readonly ViewRole[]).includes(viewRoles[f] as ViewRole),
    );

  const toggle = (field: string) =>
    onColumns(shown.has(field) ? columns.filter((c) => c.field !== field) : [...columns, { field }]);
  const pin = (field: string) =>
    onColumns(columns.map((c) => (c.field === field ? { ...c, pinned: !c.pinned } : c)));
  const choose = (kind: DisplayChoice['display'], field?: string) => {
    const by = field ?? (kind === 'table' ? undefined : laidOutBy(kind)[0]);
    onDisplay({
      ...display,
      display: kind,
      ...(kind === 'board' && by ? { board: { groupBy: by } } : {}),
      ...(kind === 'calendar' && by ? { calendar: { field: by } } : {}),
    });
  };
  const byField = display.display === 'board' ? display.board?.groupBy : display.calendar?.field;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
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
      if (submitter?.getAttribute('value') === 'shared') {
        await api('PUT', `/meta/list-views/${apiName}`, doc);
        metadataChanged();
        onSaved(apiName);
      } else {
        await personalViews().put(doc);
        onSavedOwn(apiName);
      }
    } catch (error) {
      const refused = error instanceof TesseraApiError ? asApiError(error) : error;
      if (!(refused instanceof ApiError)) throw error;
      setRefusal(refused);
    }
  }

  return (
    <details className="view-editor">
      <summary>{t(mayManage || mayKeepOwn ? 'list.designView' : 'list.chooseColumns')}</summary>
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
      <fieldset className="display-chooser">
        <legend>{t('list.display')}</legend>
        <label>
          {t('list.showAs')}{' '}
          <select
            value={display.display}
            onChange={(e) => choose(e.target.value as DisplayChoice['display'])}
          >
            <option value="table">{t('list.display.table')}</option>
            {laidOutBy('board').length > 0 && <option value="board">{t('list.display.board')}</option>}
            {laidOutBy('calendar').length > 0 && (
              <option value="calendar">{t('list.display.calendar')}</option>
            )}
          </select>
        </label>
        {display.display !== 'table' && (
          <label>
            {t(display.display === 'board' ? 'list.groupBy' : 'list.calendarBy')}{' '}
            <select value={byField ?? ''} onChange={(e) => choose(display.display, e.target.value)}>
              {laidOutBy(display.display).map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(f)}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      {(mayManage || mayKeepOwn) && (
        <form className="save-view" onSubmit={save}>
          <Refusal error={refusal} />
          <label htmlFor="viewName">{t('admin.apiName')}</label>
          <input id="viewName" name="viewName" required pattern="[a-z][a-z0-9_]*" />
          <label htmlFor="viewLabel">{t('admin.labelEn')}</label>
          <input id="viewLabel" name="viewLabel" />
          {mayKeepOwn && (
            <button type="submit" value="own">
              {t('list.saveMyView')}
            </button>
          )}
          {mayManage && (
            <button type="submit" value="shared">
              {t('list.saveView')}
            </button>
          )}
        </form>
      )}
    </details>
  );
}
