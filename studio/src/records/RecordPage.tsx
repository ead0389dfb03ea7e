/**
 * One record, laid out by its layout: its sections read-only (lookups by the linked record's name), its related
 * lists (the child's own field labels and formats), its field history (lookups by name there too), and the
 * automation runs on it.
 */
import { Pencil, Plus } from 'lucide-react';
import { useContext, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { tessera } from '../api/tessera.js';
import type { FieldChange, ObjectDescription, Page, RecordData, RelatedListDoc } from '../api/types.js';
import { describeShared, useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { formatDateTime, formatValue } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { RecordAutomationHistory } from '../runs/RecordAutomationHistory.js';
import { Button, IconButton, PageHeader } from '../ui/index.js';
import { chooseLayout } from './choose-layout.js';
import { FavoriteStar } from './FavoriteStar.js';
import { FieldValue } from './FieldValue.js';
import { fieldLabel } from './field-label.js';
import { Highlights } from './Highlights.js';
import { InlineEditor } from './InlineEditor.js';
import { linkedIds } from './linked-ids.js';
import {
  expandedOf,
  expandOf,
  isLink,
  type LinkedRecords,
  LookupValue,
  linkedRecord,
  loadLinked,
  NameFields,
  RecordLink,
} from './lookup.js';
import { RecordActions } from './RecordActions.js';
import { SectionColumns } from './SectionColumns.js';
import { editableInPlace } from './save-field.js';
import { useSummarized } from './summarized.js';
import { Timeline } from './Timeline.js';
import './records.css';
import { isUserField, loadUsers, type UserSummary, UserValue } from './users.js';

interface Props {
  description: ObjectDescription;
  id: string;
}

/**
 * The fields a record page may show before its layout is chosen (that needs the record): those of the object's
 * layouts (highlights too), in their order, else all.
 */
function shownFields(description: ObjectDescription): string[] {
  const placed = description.layouts.flatMap((l) => [
    ...(l.highlights ?? []),
    ...l.sections.flatMap((s) => s.items.map((i) => i.field)),
  ]);
  return placed.length ? [...new Set(placed)] : Object.keys(description.document.properties);
}

export function RecordPage({ description, id }: Props) {
  const { t, label, locale } = useI18n();
  const { me } = useSession();
  const fields = shownFields(description);
  // The linked records' names come with the record itself.
  const expand = expandOf(description.document.properties, fields);
  const record = useLoad(
    () =>
      api<{ data: RecordData }>(
        'GET',
        `/data/${description.apiName}/${id}${expand ? `?expand=${expand}` : ''}`,
      ).then((r) => r.data),
    [description.apiName, id, expand],
  );
  // Opening a record puts it at the top of the user's recent items (on the server: every device shows it).
  // Not worth an error on the page when it fails: the record is what the user came for.
  useEffect(() => {
    tessera.me.add('recent', description.apiName, id).catch(() => {});
  }, [description.apiName, id]);
  const summarized = useSummarized(description.document, fields);
  // A field saved in place: the record as the server answered (its new version), until the page loads again.
  const [saved, setSaved] = useState<RecordData | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const tracked = description.document['x-tessera'].trackHistory === true;
  const nameFieldOf = useContext(NameFields);
  // The changes, and the names of the records their lookup values link to: one request per target object for
  // the whole history, shown together (no ids flashing by first).
  const history = useLoad(async (): Promise<{
    changes: FieldChange[];
    linked: LinkedRecords;
    users: ReadonlyMap<string, UserSummary>;
  }> => {
    if (!tracked) return { changes: [], linked: new Map(), users: new Map() };
    const changes = (await api<{ data: FieldChange[] }>('GET', `/data/${description.apiName}/${id}/history`))
      .data;
    const wanted = linkedIds(
      changes.map((c) => ({ field: c.field, values: [c.oldValue, c.newValue] })),
      description.document.properties,
      nameFieldOf,
    );
    // Users as values of user fields, and whoever made each change.
    const userIds = changes
      .flatMap((c) =>
        isUserField(description.document.properties[c.field])
          ? [c.oldValue, c.newValue, c.changedBy]
          : [c.changedBy],
      )
      .filter((v): v is string => typeof v === 'string' && v !== '');
    const [linked, users] = await Promise.all([loadLinked(wanted), loadUsers(userIds)]);
    return { changes, linked, users };
  }, [description.apiName, id, tracked, description.document, nameFieldOf]);
  if (record.error) return <p role="alert">{t('error.notFound')}</p>;
  if (!record.data) return null;
  // The newer of the loaded record and the one a field's save answered.
  const data = saved?.id === id && saved.version >= record.data.version ? saved : record.data;
  const object = description.document;
  const layout = chooseLayout(object, description.layouts, me?.user?.role ?? null, data);
  const words = { yes: t('field.yes'), no: t('field.no') };
  const recordName = String(data[description.nameField] ?? id);
  const labelOf = (name: string) => fieldLabel(object, name, label, t);

  return (
    <article className="record-page">
      <PageHeader
        title={recordName}
        actions={
          <>
            <FavoriteStar object={description.apiName} id={id} />
            <RecordActions
              description={description}
              record={data}
              name={recordName}
              onChanged={record.reload}
            />
          </>
        }
      >
        <Highlights description={description} layout={layout} record={data} />
      </PageHeader>
      {layout.sections.map((section) => (
        <section key={section.id} className="section">
          <h2>{label(section.label, t('record.details'))}</h2>
          <SectionColumns
            section={section}
            as="dl"
            renderItem={(item) => (
              <div key={item.field} className="field">
                <dt>{labelOf(item.field)}</dt>
                <dd data-field={item.field}>
                  {editing === item.field ? (
                    <InlineEditor
                      description={description}
                      record={data}
                      field={item.field}
                      {...(expand ? { expand } : {})}
                      onSaved={(next) => {
                        setSaved(next);
                        setEditing(null);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <>
                      {data[item.field] === null || data[item.field] === undefined ? (
                        '—'
                      ) : (
                        <FieldValue
                          value={data[item.field]}
                          prop={object.properties[item.field]}
                          linked={expandedOf(data, item.field)}
                          summarized={summarized(item.field)}
                        />
                      )}
                      {editableInPlace(description, item.field, item.readOnly === true) && (
                        <IconButton
                          icon={Pencil}
                          size="sm"
                          variant="ghost"
                          className="field-edit"
                          label={t('record.editField', { field: labelOf(item.field) })}
                          onClick={() => setEditing(item.field)}
                        />
                      )}
                    </>
                  )}
                </dd>
              </div>
            )}
          />
        </section>
      ))}
      {(layout.relatedLists ?? []).map((related) => (
        <RelatedList key={`${related.object}.${related.field}`} related={related} parentId={id} />
      ))}
      <Timeline
        description={description}
        id={id}
        changes={tracked ? history.data?.changes : []}
        changeRow={(change, i) => {
          const prop = object.properties[change.field];
          const linked = history.data?.linked;
          const users = history.data?.users;
          // A lookup's value as the linked record's name (a link), or a muted dash when not readable.
          const shown = (value: unknown) =>
            prop && isLink(prop) && typeof value === 'string' && value ? (
              <LookupValue id={value} prop={prop} linked={linkedRecord(linked, prop, value)} />
            ) : isUserField(prop) && typeof value === 'string' && value ? (
              <UserValue id={value} user={users?.get(value)} />
            ) : (
              formatValue(value, prop, locale, words) || '—'
            );
          return (
            <tr key={`${change.changedAt}-${change.field}-${i}`} data-field={change.field}>
              <td title={change.changedBy ? users?.get(change.changedBy)?.name : undefined}>
                {formatDateTime(change.changedAt, locale)}
              </td>
              <td>{labelOf(change.field)}</td>
              <td className="old">{shown(change.oldValue)}</td>
              <td className="new">→ {shown(change.newValue)}</td>
            </tr>
          );
        }}
      />
      <RecordAutomationHistory object={description.apiName} id={id} />
    </article>
  );
}

/** A related list: the child's records that link here, in the child's own labels and formats. */
function RelatedList({ related, parentId }: { related: RelatedListDoc; parentId: string }) {
  const { t, label } = useI18n();
  // The child object described once for the list (shared with other lists of the same child).
  const child = useLoad(() => describeShared(related.object), [related.object]);
  const doc = child.data?.document;
  const columns = related.columns?.length ? related.columns : [child.data?.nameField ?? 'id'];
  const page = useLoad(() => {
    if (!doc) return Promise.resolve(undefined);
    const params = new URLSearchParams({
      limit: '20',
      count: 'true',
      filter: JSON.stringify({ [related.field]: { eq: parentId } }),
    });
    const expand = expandOf(doc.properties, columns);
    if (expand) params.set('expand', expand);
    return api<Page>('GET', `/data/${related.object}?${params}`);
  }, [related.object, related.field, parentId, doc, columns.join(',')]);
  const summarized = useSummarized(doc, columns);
  // A child the user may not read has no list here.
  if (child.data === null || page.error) return null;
  if (!child.data || !doc) return null;
  const title = label(related.label, label(child.data.pluralLabel ?? child.data.label, related.object));
  const total = page.data?.page.total;
  const rows = page.data?.data ?? [];
  return (
    <section className="section related" data-object={related.object}>
      <div className="related-head">
        <h2>
          {title}
          {total !== undefined && <span className="count"> ({total})</span>}
        </h2>
        {child.data.permissions.create && (
          <Button
            size="sm"
            icon={Plus}
            onClick={() =>
              navigate({ page: 'create', object: related.object }, false, {
                prefill: { [related.field]: parentId },
              })
            }
          >
            {t('list.new')}
          </Button>
        )}
      </div>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{fieldLabel(doc, c, label, t)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {columns.map((c) => (
                <td key={c}>
                  {c === child.data?.nameField || c === 'id' ? (
                    <RecordLink object={related.object} id={r.id}>
                      {String(r[c] ?? '') || r.id}
                    </RecordLink>
                  ) : (
                    <FieldValue
                      value={r[c]}
                      prop={doc.properties[c]}
                      linked={expandedOf(r, c)}
                      summarized={summarized(c)}
                    />
                  )}
                </td>
              ))}
            </tr>
          ))}
          {page.data && rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {t('record.noRelated')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
