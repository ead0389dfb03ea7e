/**
 * One field of one record edited where it is shown (a list's cell, a record page's field): the field's own control,
 * Enter saves, Esc cancels, Tab saves and moves on. Only that field is sent, with the record's version; a refusal
 * (a validation rule, a bad value, someone else's change) stays at the field with the server's message.
 */
import { type KeyboardEvent, useContext, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ObjectDescription, RecordData } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { FieldInput, toLocalInput } from './FieldInput.js';
import { NameFields } from './lookup.js';
import { validateRecord } from './record-validation.js';
import { saveField } from './save-field.js';

type Values = Record<string, unknown>;

interface Props {
  description: ObjectDescription;
  record: RecordData;
  field: string;
  /** The linked records whose names the place shows (read back with the saved record). */
  expand?: string;
  onSaved(record: RecordData): void;
  onCancel(): void;
  /** Tab (or Shift-Tab) after a save, or with nothing changed: the caller moves to the next field. */
  onTab?(record: RecordData, back: boolean): void;
}

export function InlineEditor({ description, record, field, expand, onSaved, onCancel, onTab }: Props) {
  const { t } = useI18n();
  const nameFieldOf = useContext(NameFields);
  const prop = description.document.properties[field];
  const initial = record[field] ?? null;
  const isInstant = prop?.['x-tessera'].field === 'datetime';
  const { register, control, handleSubmit, setFocus } = useForm<Values>({
    defaultValues: { [field]: isInstant ? toLocalInput(initial) : initial },
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setFocus(field), [setFocus, field]);
  if (!prop) return null;

  const save = (then: (saved: RecordData) => void) =>
    handleSubmit(async (values) => {
      const value = values[field] ?? null;
      if (JSON.stringify(value) === JSON.stringify(initial)) return then(record);
      const problem = validateRecord(description.schemas.update, { [field]: value })[field];
      if (problem) return setRefusal(t(problem.key, problem.vars));
      if (busy) return;
      setBusy(true);
      const result = await saveField(description.apiName, record, field, value, t, expand);
      setBusy(false);
      if ('refused' in result) setRefusal(result.refused);
      else then(result.saved);
    })();

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      save(onSaved);
    } else if (event.key === 'Tab' && onTab) {
      event.preventDefault();
      save((saved) => onTab(saved, event.shiftKey));
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys of the field's own control, caught as they bubble.
    <div className="inline-editor" onKeyDown={onKeyDown} aria-busy={busy}>
      <FieldInput
        name={field}
        prop={prop}
        register={register}
        control={control}
        invalid={refusal !== null}
        // Never disabled while saving: a disabled control loses the focus, and with it the keys (Esc, Tab).
        readOnly={false}
        nameFieldOf={(target) => nameFieldOf(target) ?? 'id'}
        controlling={
          prop['x-tessera'].controllingField ? record[prop['x-tessera'].controllingField] : undefined
        }
      />
      <span className="inline-editor__actions">
        <button
          type="button"
          className="ui-button ui-button--primary ui-button--sm"
          onClick={() => save(onSaved)}
        >
          {t('record.save')}
        </button>
        <button type="button" className="ui-button ui-button--ghost ui-button--sm" onClick={onCancel}>
          {t('record.cancel')}
        </button>
      </span>
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}
