/**
 * A list of an object's records: a shared or personal saved view or all records, sorted by clicking a header,
 * narrowed by a filter of conditions, with resizable and pinned columns, compact or roomy rows and a page size.
 * Pages load as the user asks for more; only the rows in sight are rendered, so ten thousand loaded rows scroll as
 * lightly as fifty. A cell is edited in place (Enter or double-click; Esc cancels, Tab moves on), rows can be
 * selected for a bulk change, and a view may show as a board or a calendar. The view, sort and conditions are
 * kept in the URL, so a list can be shared by link.
 */
import {
  type ColumnDef,
  type ColumnSizingState,
  flexRender,
  getCoreRowModel,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Plus, Upload } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { personalViews } from '../api/tessera.js';
import type { ListViewColumn, ListViewDocument, ObjectDescription, Page, RecordData } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { SYSTEM_FIELD_LABELS } from '../i18n/messages.js';
import { Button } from '../ui/index.js';
import { BulkActions } from './BulkActions.js';
import { ExportMenu } from './ExportMenu.js';
import { FieldValue } from './FieldValue.js';
import { FilterBuilder } from './FilterBuilder.js';
import { type Condition, conditionsToFilter, type Match } from './filter.js';
import { InlineEditor } from './InlineEditor.js';
import { ListCards } from './ListCards.js';
import { type DisplayChoice, ListViewEditor } from './ListViewEditor.js';
import { readListUrl, writeListUrl } from './list-url.js';
import { expandedOf, expandOf, RecordLink } from './lookup.js';
import { type ListKey, rememberColumns, rememberedColumns } from './remembered-columns.js';
import { editableInPlace } from './save-field.js';
import { useSummarized } from './summarized.js';
import { ViewFilterChips } from './ViewFilterChips.js';
import './list-views.css';
import './records.css';

// Boards (with @dnd-kit) and calendars load when a view first shows as one: a table's first load stays light.
const BoardView = lazy(() => import('./BoardView.js').then((m) => ({ default: m.BoardView })));
const CalendarView = lazy(() => import('./CalendarView.js').then((m) => ({ default: m.CalendarView })));

const PAGE_SIZES = [25, 50, 100, 200, 500];
const ALL = '';
/** A personal view's value in the view menu and the URL: `mine:<apiName>`. */
const MINE = 'mine:';
/** The selection column's id. */
const SELECT = '__select';

const displayOf = (view: ListViewDocument | undefined): DisplayChoice => ({
  display: view?.display ?? 'table',
  ...(view?.board ? { board: view.board } : {}),
  ...(view?.calendar ? { calendar: view.calendar } : {}),
});

/** Without a saved view: the name, a few fields, and when the record was made. */
function defaultColumns(description: ObjectDescription): ListViewColumn[] {
  const name = description.nameField;
  const others = Object.entries(description.document.properties)
    .filter(
      ([field, prop]) =>
        field !== name && !['json', 'richtext', 'textarea'].includes(prop['x-tessera'].field),
    )
    .slice(0, 5)
    .map(([field]) => ({ field }));
  return [{ field: name, pinned: true }, ...others, { field: 'created_at' }];
}

interface Props {
  description: ObjectDescription;
  /** The view to show first (the one just saved); the first view otherwise. */
  initialView?: string;
  /** A view was saved: the description is loaded again, and the view chosen. */
  onViewSaved(apiName: string): void;
}

export function ListPage({ description, initialView, onViewSaved }: Props) {
  const { t, label } = useI18n();
  const { me } = useSession();
  const object = description.document;
  // What the URL asked for, read once: it wins over the view's own sort and filter until the user changes them.
  const [fromUrl] = useState(() => readListUrl(location.search));
  const [mineRound, setMineRound] = useState(0);
  const mine = useLoad(
    () => (me?.user ? personalViews().list(description.apiName) : Promise.resolve([])),
    [description.apiName, mineRound],
  );
  const [viewName, setViewName] = useState(
    initialView ?? fromUrl.view ?? description.listViews[0]?.apiName ?? ALL,
  );
  const view = viewName.startsWith(MINE)
    ? mine.data?.find((v) => v.apiName === viewName.slice(MINE.length))
    : description.listViews.find((v) => v.apiName === viewName);
  // The columns the user chose for this list in this browser, else the view's, else a few of the object's.
  const listKey = (name: string): ListKey => ({
    workspace: me?.workspace ?? '',
    user: me?.user?.id ?? '',
    object: description.apiName,
    view: name,
  });
  const columnsOf = (shown: ListViewDocument | undefined): ListViewColumn[] => {
    const own = rememberedColumns(
      localStorage,
      listKey(viewName),
      new Set([...Object.keys(object.properties), ...Object.keys(SYSTEM_FIELD_LABELS)]),
    );
    const widths = new Map((shown?.columns ?? []).map((c) => [c.field, c.width]));
    return (
      own?.map((c) => {
        const width = widths.get(c.field);
        return width ? { ...c, width } : c;
      }) ??
      shown?.columns ??
      defaultColumns(description)
    );
  };
  const [columnsSpec, setColumnsSpec] = useState<ListViewColumn[]>(() => columnsOf(view));
  const chooseColumns = (columns: ListViewColumn[]) => {
    rememberColumns(localStorage, listKey(viewName), columns);
    setColumnsSpec(columns);
  };
  const resetColumns = () => {
    rememberColumns(localStorage, listKey(viewName), undefined);
    setColumnsSpec(view?.columns ?? defaultColumns(description));
  };
  const [sort, setSort] = useState(fromUrl.sort ?? view?.sort ?? '-created_at');
  const [pageSize, setPageSize] = useState(view?.pageSize ?? 50);
  const [conditions, setConditions] = useState<Condition[]>(fromUrl.conditions ?? []);
  const [match, setMatch] = useState<Match>(fromUrl.match ?? 'all');
  const [display, setDisplay] = useState<DisplayChoice>(() => displayOf(view));
  const [compact, setCompact] = useState(false);
  const [rows, setRows] = useState<RecordData[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; field: string } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const urlApplied = useRef(false);
  const appliedView = useRef<string | null>(null);

  // A view brings its own columns, sort, page size and display; the URL's sort and conditions count the first time.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of view resets the list's settings.
  useEffect(() => {
    // A personal view named by the URL is not known before the user's views have loaded.
    if (viewName.startsWith(MINE) && !mine.data) return;
    // The user's views loading again (one just saved) is no change of view.
    const key = `${viewName}:${JSON.stringify(view ?? null)}`;
    if (appliedView.current === key) return;
    appliedView.current = key;
    const first = !urlApplied.current;
    urlApplied.current = true;
    setSort((first ? fromUrl.sort : undefined) ?? view?.sort ?? '-created_at');
    setPageSize(view?.pageSize ?? 50);
    setConditions((first ? fromUrl.conditions : undefined) ?? []);
    setMatch((first ? fromUrl.match : undefined) ?? 'all');
    setColumnsSpec(columnsOf(view));
    setDisplay(displayOf(view));
    setSelected(new Set());
  }, [view, mine.data]);

  // The list as it stands, in the URL (replaced, not pushed: back leaves the list rather than undoing a sort).
  useEffect(() => {
    if (!urlApplied.current) return;
    const query = writeListUrl({
      ...(viewName !== (description.listViews[0]?.apiName ?? ALL) ? { view: viewName } : {}),
      ...(sort !== (view?.sort ?? '-created_at') ? { sort } : {}),
      conditions,
      match,
    });
    if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}`);
  }, [viewName, view, sort, conditions, match, description.listViews]);

  const filter = useMemo(
    () => conditionsToFilter(conditions, view?.filter, match),
    [conditions, view, match],
  );
  // The linked records' names come with the page: one query per lookup column, not one per row.
  const expand = expandOf(
    object.properties,
    columnsSpec.map((c) => c.field),
  );
  const summarized = useSummarized(
    object,
    columnsSpec.map((c) => c.field),
  );

  async function load(after: string | null) {
    const params = new URLSearchParams({ limit: String(pageSize), sort, count: 'true' });
    if (filter) params.set('filter', JSON.stringify(filter));
    if (expand) params.set('expand', expand);
    if (after) params.set('cursor', after);
    try {
      const page = await api<Page>('GET', `/data/${description.apiName}?${params}`);
      setRows((current) => (after ? [...current, ...page.data] : page.data));
      setCursor(page.page.nextCursor);
      setTotal(page.page.total);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  // The same filter made again (the URL's conditions applied) is the same query.
  const filterKey = JSON.stringify(filter ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts from its first page.
  useEffect(() => {
    load(null);
  }, [description.apiName, sort, pageSize, filterKey, expand]);

  const replaceRow = (saved: RecordData) =>
    setRows((current) => current.map((r) => (r.id === saved.id ? { ...r, ...saved } : r)));
  const editableColumns = columnsSpec.map((c) => c.field).filter((f) => editableInPlace(description, f));
  const focusCell = (id: string, field: string) =>
    requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLElement>(`td[data-row="${CSS.escape(id)}"][data-field="${CSS.escape(field)}"]`)
        ?.focus(),
    );
  const closeEditor = (id: string, field: string) => {
    setEditing(null);
    focusCell(id, field);
  };
  /** Tab after a save: the next (or previous) editable cell of the row, or back to the cell at the end. */
  const editNext = (saved: RecordData, field: string, back: boolean) => {
    replaceRow(saved);
    const next = editableColumns[editableColumns.indexOf(field) + (back ? -1 : 1)];
    if (next) setEditing({ id: saved.id, field: next });
    else closeEditor(saved.id, field);
  };
  const toggleRow = (id: string) =>
    setSelected((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const [sizing, setSizing] = useState<ColumnSizingState>({});
  const columns = useMemo<ColumnDef<RecordData>[]>(
    () => [
      { id: SELECT, size: 44, minSize: 44, enableResizing: false, header: '', cell: () => null },
      ...columnsSpec.map((c): ColumnDef<RecordData> => {
        const prop = object.properties[c.field];
        return {
          id: c.field,
          size: c.width ?? 180,
          minSize: 60,
          header: prop
            ? label(prop['x-tessera'].label, prop.title ?? c.field)
            : c.field in SYSTEM_FIELD_LABELS
              ? t(SYSTEM_FIELD_LABELS[c.field as keyof typeof SYSTEM_FIELD_LABELS])
              : c.field,
          cell: ({ row }) =>
            c.field === description.nameField ? (
              <RecordLink object={description.apiName} id={row.original.id}>
                {String(row.original[c.field] ?? '') || row.original.id}
              </RecordLink>
            ) : (
              <FieldValue
                value={row.original[c.field]}
                prop={prop}
                linked={expandedOf(row.original, c.field)}
                summarized={summarized(c.field)}
              />
            ),
        };
      }),
    ],
    [columnsSpec, object, label, t, description.apiName, description.nameField, summarized],
  );
  const pinned = [SELECT, ...columnsSpec.filter((c) => c.pinned).map((c) => c.field)];
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    state: { columnSizing: sizing, columnPinning: { left: pinned } },
    onColumnSizingChange: setSizing,
    enableColumnPinning: true,
  });

  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = compact ? 28 : 40;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the row height changes with the density.
  useEffect(() => virtualizer.measure(), [rowHeight]);

  const toggleSort = (field: string) => setSort(sort === field ? `-${field}` : field);
  const sortedBy = (field: string) =>
    sort.split(',')[0] === field
      ? 'ascending'
      : sort.split(',')[0] === `-${field}`
        ? 'descending'
        : undefined;
  const width = table.getTotalSize();
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const stickyLeft = (id: string) =>
    pinned.includes(id) ? table.getColumn(id)?.getStart('left') : undefined;

  return (
    <section className="list-page">
      <div className="toolbar">
        <h1>{label(description.pluralLabel ?? description.label, description.apiName)}</h1>
        <label>
          {t('list.view')}{' '}
          <select value={viewName} onChange={(e) => setViewName(e.target.value)} aria-label={t('list.view')}>
            <option value={ALL}>{t('list.allRecords')}</option>
            {description.listViews.map((v) => (
              <option key={v.apiName} value={v.apiName}>
                {label(v.label, v.apiName)}
              </option>
            ))}
            {(mine.data?.length ?? 0) > 0 && (
              <optgroup label={t('list.myViews')}>
                {mine.data?.map((v) => (
                  <option key={v.apiName} value={`${MINE}${v.apiName}`}>
                    {label(v.label, v.apiName)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <ExportMenu
          object={description.apiName}
          query={{ ...(filter ? { filter } : {}), sort, fields: columnsSpec.map((c) => c.field) }}
        />
        {(description.permissions.create || description.permissions.edit) && (
          <Button icon={Upload} onClick={() => navigate({ page: 'import', object: description.apiName })}>
            {t('list.import')}
          </Button>
        )}
        {description.permissions.create && (
          <Button
            variant="primary"
            icon={Plus}
            onClick={() => navigate({ page: 'create', object: description.apiName })}
          >
            {t('list.new')}
          </Button>
        )}
      </div>
      <ViewFilterChips object={object} filter={view?.filter} />
      <FilterBuilder
        object={object}
        conditions={conditions}
        onChange={setConditions}
        match={match}
        onMatch={setMatch}
      />
      <ListViewEditor
        object={object}
        columns={columnsSpec}
        onColumns={chooseColumns}
        onReset={resetColumns}
        mayManage={me?.system.manageMetadata === true}
        mayKeepOwn={Boolean(me?.user)}
        viewRoles={description.viewRoles}
        display={display}
        onDisplay={setDisplay}
        current={() => ({
          object: description.apiName,
          columns: columnsSpec.map((c) => ({
            ...c,
            width: Math.round(table.getColumn(c.field)?.getSize() ?? 180),
          })),
          ...(filter ? { filter } : {}),
          sort,
          pageSize,
          ...(display.display !== 'table' ? { display: display.display } : {}),
          ...(display.board ? { board: display.board } : {}),
          ...(display.calendar ? { calendar: display.calendar } : {}),
        })}
        onSaved={onViewSaved}
        onSavedOwn={(apiName) => {
          setMineRound((r) => r + 1);
          setViewName(`${MINE}${apiName}`);
        }}
      />
      {display.display === 'table' && (
        <BulkActions
          description={description}
          selected={rows.filter((r) => selected.has(r.id))}
          onClear={() => setSelected(new Set())}
          onChanged={() => {
            setSelected(new Set());
            load(null);
          }}
        />
      )}
      <div className="list-options">
        <span className="count">{total !== undefined ? t('list.count', { count: total }) : ''}</span>
        <label>
          {t('list.pageSize')}{' '}
          <select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={compact} onChange={(e) => setCompact(e.target.checked)} />{' '}
          {t('list.density')}
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      <Suspense fallback={null}>
        {display.display === 'board' && display.board ? (
          <BoardView
            description={description}
            groupBy={display.board.groupBy}
            rows={rows}
            fields={columnsSpec
              .map((c) => c.field)
              .filter((f) => f !== description.nameField && f !== display.board?.groupBy)
              .slice(0, 3)}
            {...(expand ? { expand } : {})}
            onSaved={replaceRow}
          />
        ) : display.display === 'calendar' && display.calendar ? (
          <CalendarView description={description} field={display.calendar.field} filter={filter} />
        ) : (
          <>
            <ListCards description={description} rows={rows} columns={columnsSpec} />
            <div className="grid-scroller" ref={scroller}>
              <table
                className="grid-table"
                aria-rowcount={(total ?? rows.length) + 1}
                data-loaded={rows.length}
                style={{ width }}
              >
                <thead>
                  <tr>
                    {headers.map((header) => (
                      <th
                        key={header.id}
                        aria-sort={sortedBy(header.id) ?? 'none'}
                        className={
                          [pinned.includes(header.id) && 'pinned', header.id === SELECT && 'select-column']
                            .filter(Boolean)
                            .join(' ') || undefined
                        }
                        style={{ width: header.getSize(), left: stickyLeft(header.id) }}
                      >
                        {header.id === SELECT ? (
                          <input
                            type="checkbox"
                            aria-label={t('bulk.selectAll')}
                            checked={allSelected}
                            onChange={() =>
                              setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))
                            }
                          />
                        ) : (
                          <button type="button" className="sort" onClick={() => toggleSort(header.id)}>
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            {sortedBy(header.id) === 'ascending'
                              ? ' ▲'
                              : sortedBy(header.id) === 'descending'
                                ? ' ▼'
                                : ''}
                          </button>
                        )}
                        <hr
                          className="resizer"
                          aria-orientation="vertical"
                          onMouseDown={header.getResizeHandler()}
                          onTouchStart={header.getResizeHandler()}
                        />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody style={{ height: virtualizer.getTotalSize() }}>
                  {virtualizer.getVirtualItems().map((item) => {
                    const row = table.getRowModel().rows[item.index];
                    if (!row) return null;
                    return (
                      <tr
                        key={row.id}
                        aria-rowindex={item.index + 2}
                        style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                      >
                        {row.getVisibleCells().map((cell) => {
                          const field = cell.column.id;
                          const record = row.original;
                          const style = { width: cell.column.getSize(), left: stickyLeft(field) };
                          const className = pinned.includes(field) ? 'pinned' : undefined;
                          if (field === SELECT)
                            return (
                              <td key={cell.id} className={className} style={style}>
                                <input
                                  type="checkbox"
                                  aria-label={t('bulk.selectRow', {
                                    name: String(record[description.nameField] ?? record.id),
                                  })}
                                  checked={selected.has(record.id)}
                                  onChange={() => toggleRow(record.id)}
                                />
                              </td>
                            );
                          if (editing?.id === record.id && editing.field === field)
                            return (
                              <td
                                key={cell.id}
                                className={`${className ?? ''} editing`}
                                style={style}
                                data-row={record.id}
                                data-field={field}
                              >
                                <InlineEditor
                                  description={description}
                                  record={record}
                                  field={field}
                                  {...(expand ? { expand } : {})}
                                  onSaved={(saved) => {
                                    replaceRow(saved);
                                    closeEditor(record.id, field);
                                  }}
                                  onCancel={() => closeEditor(record.id, field)}
                                  onTab={(saved, back) => editNext(saved, field, back)}
                                />
                              </td>
                            );
                          const editable = editableColumns.includes(field);
                          return (
                            <td
                              key={cell.id}
                              className={className}
                              style={style}
                              data-row={record.id}
                              data-field={field}
                              {...(editable
                                ? {
                                    tabIndex: 0,
                                    'aria-description': t('list.editHint'),
                                    onDoubleClick: () => setEditing({ id: record.id, field }),
                                    onKeyDown: (e: React.KeyboardEvent) => {
                                      if (e.key === 'Enter' && e.target === e.currentTarget) {
                                        e.preventDefault();
                                        setEditing({ id: record.id, field });
                                      }
                                    },
                                  }
                                : {})}
                            >
                              <span className="cell-text">
                                {flexRender(cell.column.columnDef.cell, cell.getContext())}
                              </span>
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {rows.length === 0 && !error ? <p className="empty">{t('list.empty')}</p> : null}
            </div>
          </>
        )}
      </Suspense>
      {cursor && (
        <button type="button" className="more" onClick={() => load(cursor)}>
          {t('list.more')}
        </button>
      )}
    </section>
  );
}
