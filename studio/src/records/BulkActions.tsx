/**
 * What can be done to the records selected in a list: set one field on all of them (through the bulk API), give
 * them a new owner, or delete them — then a summary of how many were changed and, record by record, which were
 * refused and why.
 */
import { useContext, useState } from 'react';
import { useForm } from 'react-hook-form';
import { tessera } from '../api/tessera.js';
import type { ObjectDescription, RecordData } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Button, ConfirmDialog, Dialog, Select } from '../ui/index.js';
import { type BulkOutcome, bulkWithRetry, eachRecord } from './bulk-results.js';
import { FieldInput } from './FieldInput.js';
import { NameFields } from './lookup.js';
import { editableInPlace } from './save-field.js';
import { UserPicker } from './users.js';

type Action = 'update' | 'owner' | 'delete';

interface Props {
  description: ObjectDescription;
  selected: RecordData[];
  onClear(): void;
  /** Something was changed: the list loads again (the summary stays). */
  onChanged(): void;
}

export function BulkActions({ description, selected, onClear, onChanged }: Props) {
  const { t, label } = useI18n();
  const nameFieldOf = useContext(NameFields);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{
    action: Action;
    result: BulkOutcome;
    names: Map<string, string>;
  } | null>(null);
  const fields = Object.keys(description.document.properties).filter((f) => editableInPlace(description, f));
  const [field, setField] = useState(fields[0] ?? '');
  const [owner, setOwner] = useState<string | null>(null);
  const { register, control, getValues, reset } = useForm<Record<string, unknown>>();
  const records = tessera.data(description.apiName);
  const ids = selected.map((r) => r.id);
  const names = new Map(selected.map((r) => [r.id, String(r[description.nameField] ?? r.id)]));

  async function run(which: Action, change: () => Promise<BulkOutcome>) {
    setBusy(true);
    try {
      const result = await change();
      setOutcome({ action: which, result, names });
      if (result.done.length) onChanged();
    } finally {
      setBusy(false);
      setAction(null);
      reset();
    }
  }

  const update = () =>
    run('update', () => {
      const value = getValues(field) ?? null;
      return bulkWithRetry(ids, (some) =>
        records.bulk(
          'update',
          some.map((id) => ({ id, [field]: value })),
        ),
      );
    });
  const transfer = () =>
    owner ? run('owner', () => eachRecord(ids, (id) => records.transfer(id, owner))) : undefined;
  const remove = () => run('delete', () => eachRecord(ids, (id) => records.delete(id)));
  const prop = description.document.properties[field];

  return (
    <div className="bulk-actions" role="toolbar" aria-label={t('bulk.toolbar')}>
      {selected.length > 0 && (
        <>
          <span className="bulk-actions__count">{t('bulk.selected', { count: selected.length })}</span>
          {description.permissions.edit && fields.length > 0 && (
            <Button size="sm" onClick={() => setAction('update')}>
              {t('bulk.update')}
            </Button>
          )}
          {description.permissions.edit && (
            <Button size="sm" onClick={() => setAction('owner')}>
              {t('bulk.owner')}
            </Button>
          )}
          {description.permissions.delete && (
            <Button size="sm" variant="danger" onClick={() => setAction('delete')}>
              {t('bulk.delete')}
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={onClear}>
            {t('bulk.clear')}
          </Button>
        </>
      )}
      {outcome && (
        <div className="bulk-summary" role="status">
          <p>
            {t(`bulk.done.${outcome.action}`, { count: outcome.result.done.length })}
            {outcome.result.failed.length > 0 &&
              ` ${t('bulk.failed', { count: outcome.result.failed.length })}`}
          </p>
          {outcome.result.failed.length > 0 && (
            <ul className="bulk-summary__failures">
              {outcome.result.failed.map((f) => (
                <li key={f.id}>
                  <strong>{outcome.names.get(f.id) ?? f.id}</strong>: {f.message}
                </li>
              ))}
            </ul>
          )}
          <Button size="sm" variant="ghost" onClick={() => setOutcome(null)}>
            {t('bulk.dismiss')}
          </Button>
        </div>
      )}
      <Dialog
        open={action === 'update'}
        onOpenChange={(open) => setAction(open ? 'update' : null)}
        title={t('bulk.updateTitle', { count: selected.length })}
        closeLabel={t('record.cancel')}
        footer={
          <Button variant="primary" busy={busy} onClick={update}>
            {t('bulk.apply')}
          </Button>
        }
      >
        <div className="field">
          <label htmlFor="bulk-field">{t('list.filterField')}</label>
          <Select id="bulk-field" value={field} onChange={(e) => setField(e.target.value)}>
            {fields.map((f) => (
              <option key={f} value={f}>
                {label(description.document.properties[f]?.['x-tessera'].label, f)}
              </option>
            ))}
          </Select>
        </div>
        {prop && (
          <div className="field">
            <label htmlFor={`field-${field}`}>{t('list.filterValueLabel')}</label>
            <FieldInput
              key={field}
              name={field}
              prop={prop}
              register={register}
              control={control}
              invalid={false}
              readOnly={busy}
              nameFieldOf={(target) => nameFieldOf(target) ?? 'id'}
            />
          </div>
        )}
      </Dialog>
      <Dialog
        open={action === 'owner'}
        onOpenChange={(open) => setAction(open ? 'owner' : null)}
        title={t('bulk.ownerTitle', { count: selected.length })}
        closeLabel={t('record.cancel')}
        footer={
          <Button variant="primary" busy={busy} disabled={!owner} onClick={transfer}>
            {t('bulk.apply')}
          </Button>
        }
      >
        <UserPicker label={t('bulk.newOwner')} value={owner} onChange={(id) => setOwner(id)} />
      </Dialog>
      <ConfirmDialog
        open={action === 'delete'}
        onOpenChange={(open) => setAction(open ? 'delete' : null)}
        title={t('bulk.deleteTitle', { count: selected.length })}
        confirmLabel={t('record.deleteConfirmed')}
        cancelLabel={t('record.cancel')}
        danger
        busy={busy}
        onConfirm={remove}
      />
    </div>
  );
}
