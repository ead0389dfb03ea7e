/**
 * A list of an object's records: a saved view or all records, sorted by clicking a header, narrowed by a filter
 * of conditions, with resizable and pinned columns, compact or roomy rows and a page size. Pages load as the user
 * asks for more; only the rows in sight are rendered, so ten thousand loaded rows scroll as lightly as fifty.
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
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { ListViewColumn, ListViewDocument, ObjectDescription, Page, RecordData } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { SYSTEM_FIELD_LABELS } from '../i18n/messages.js';
import { Button } from '../ui/index.js';
import { ExportMenu } from './ExportMenu.js';
import { FieldValue } from './FieldValue.js';
import { FilterBuilder } from './FilterBuilder.js';
import { type Condition, conditionsToFilter, type Match } from './filter.js';
import { ListCards } from './ListCards.js';
import { ListViewEditor } from './ListViewEditor.js';
import { expandedOf, expandOf, RecordLink } from './lookup.js';
import { type ListKey, rememberColumns, rememberedColumns } from './remembered-columns.js';
import { useSummarized } from './summarized.js';
import './records.css';

const PAGE_SIZES = [25, 50, 100, 200, 500];
const ALL = '';

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
  const [viewName, setViewName] = useState(initialView ?? description.listViews[0]?.apiName ?? ALL);
  const view = description.listViews.find((v) => v.apiName === viewName);
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
      listKey(shown?.apiName ?? ALL),
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
  const [sort, setSort] = useState(view?.sort ?? '-created_at');
  const [pageSize, setPageSize] = useState(view?.pageSize ?? 50);
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [match, setMatch] = useState<Match>('all');
  const [compact, setCompact] = useState(false);
  const [rows, setRows] = useState<RecordData[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  // A view brings its own columns, sort and page size (the description only changes with the page's key).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of view resets the list's settings.
  useEffect(() => {
    setSort(view?.sort ?? '-created_at');
    setPageSize(view?.pageSize ?? 50);
    setConditions([]);
    setMatch('all');
    setColumnsSpec(columnsOf(view));
  }, [view]);

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

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts from its first page.
  useEffect(() => {
    load(null);
  }, [description.apiName, sort, pageSize, filter, expand]);

  const [sizing, setSizing] = useState<ColumnSizingState>({});
  const columns = useMemo<ColumnDef<RecordData>[]>(
    () =>
      columnsSpec.map((c) => {
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
    [columnsSpec, object, label, t, description.apiName, description.nameField, summarized],
  );
  const pinned = columnsSpec.filter((c) => c.pinned).map((c) => c.field);
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
        current={() => ({
          object: description.apiName,
          columns: columnsSpec.map((c) => ({
            ...c,
            width: Math.round(table.getColumn(c.field)?.getSize() ?? 180),
          })),
          ...(filter ? { filter } : {}),
          sort,
          pageSize,
        })}
        onSaved={onViewSaved}
      />
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
                  className={pinned.includes(header.id) ? 'pinned' : undefined}
                  style={{ width: header.getSize(), left: stickyLeft(header.id) }}
                >
                  <button type="button" className="sort" onClick={() => toggleSort(header.id)}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    {sortedBy(header.id) === 'ascending'
                      ? ' ▲'
                      : sortedBy(header.id) === 'descending'
                        ? ' ▼'
                        : ''}
                  </button>
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
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={pinned.includes(cell.column.id) ? 'pinned' : undefined}
                      style={{ width: cell.column.getSize(), left: stickyLeft(cell.column.id) }}
                    >
                      <span className="cell-text">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && !error ? <p className="empty">{t('list.empty')}</p> : null}
      </div>
      {cursor && (
        <button type="button" className="more" onClick={() => load(cursor)}>
          {t('list.more')}
        </button>
      )}
    </section>
  );
}
