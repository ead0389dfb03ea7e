/** One record, laid out by its layout: its sections read-only, its related lists, and its field history. */
import { api } from '../api/client.js';
import type { FieldChange, ObjectDescription, Page, RecordData, RelatedListDoc } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { formatDateTime, formatValue } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { chooseLayout } from './choose-layout.js';
import { FieldValue } from './FieldValue.js';

interface Props {
  description: ObjectDescription;
  id: string;
}

export function RecordPage({ description, id }: Props) {
  const { t, label, locale } = useI18n();
  const { me } = useSession();
  const record = useLoad(
    () => api<{ data: RecordData }>('GET', `/data/${description.apiName}/${id}`).then((r) => r.data),
    [description.apiName, id],
  );
  const tracked = description.document['x-tessera'].trackHistory === true;
  const history = useLoad(
    () =>
      tracked
        ? api<{ data: FieldChange[] }>('GET', `/data/${description.apiName}/${id}/history`).then(
            (r) => r.data,
          )
        : Promise.resolve([]),
    [description.apiName, id, tracked],
  );
  if (record.error) return <p role="alert">{t('error.notFound')}</p>;
  if (!record.data) return null;
  const data = record.data;
  const object = description.document;
  const layout = chooseLayout(object, description.layouts, me?.user?.role ?? null, data);
  const words = { yes: t('field.yes'), no: t('field.no') };
  const fieldLabel = (name: string) =>
    label(object.properties[name]?.['x-tessera'].label, object.properties[name]?.title ?? name);

  return (
    <article className="record-page">
      <div className="toolbar">
        <h1>{String(data[description.nameField] ?? id)}</h1>
        {description.permissions.edit && (
          <button
            type="button"
            className="primary"
            onClick={() => navigate({ page: 'edit', object: description.apiName, id })}
          >
            {t('record.edit')}
          </button>
        )}
      </div>
      {layout.sections.map((section) => (
        <section key={section.id} className="section">
          <h2>{label(section.label, t('record.details'))}</h2>
          <dl className="grid" style={{ gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))` }}>
            {section.items.map((item) => (
              <div key={item.field} className="field" style={{ gridColumn: item.column ?? 1 }}>
                <dt>{fieldLabel(item.field)}</dt>
                <dd data-field={item.field}>
                  {data[item.field] === null || data[item.field] === undefined ? (
                    '—'
                  ) : (
                    <FieldValue value={data[item.field]} prop={object.properties[item.field]} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {(layout.relatedLists ?? []).map((related) => (
        <RelatedList key={`${related.object}.${related.field}`} related={related} parentId={id} />
      ))}
      {tracked && (
        <section className="section history">
          <h2>{t('record.history')}</h2>
          {history.data?.length ? (
            <table>
              <tbody>
                {history.data.map((change) => (
                  <tr key={`${change.changedAt}-${change.field}`}>
                    <td>{formatDateTime(change.changedAt, locale)}</td>
                    <td>{fieldLabel(change.field)}</td>
                    <td>
                      {formatValue(change.oldValue, object.properties[change.field], locale, words) || '—'}
                    </td>
                    <td>
                      → {formatValue(change.newValue, object.properties[change.field], locale, words) || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('record.noHistory')}</p>
          )}
        </section>
      )}
    </article>
  );
}

function RelatedList({ related, parentId }: { related: RelatedListDoc; parentId: string }) {
  const { t, label } = useI18n();
  const page = useLoad(() => {
    const filter = encodeURIComponent(JSON.stringify({ [related.field]: { eq: parentId } }));
    return api<Page>('GET', `/data/${related.object}?limit=20&filter=${filter}`);
  }, [related.object, related.field, parentId]);
  const columns = related.columns ?? ['id'];
  return (
    <section className="section related">
      <h2>{label(related.label, `${t('record.related')}: ${related.object}`)}</h2>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(page.data?.data ?? []).map((r) => (
            <tr key={r.id}>
              {columns.map((c) => (
                <td key={c}>{String(r[c] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
