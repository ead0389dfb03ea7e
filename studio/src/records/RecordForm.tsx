/**
 * Create and edit forms, laid out by the record's layout: checked in the browser by the same JSON Schema as the
 * server, then sent; the server's 422 entries land on their fields, and a rule without a field above the form.
 */
import { Check } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, api } from '../api/client.js';
import type { ObjectDescription, RecordData } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { Button } from '../ui/index.js';
import { chooseLayout } from './choose-layout.js';
import { EDITABLE, FieldInput, toLocalInput } from './FieldInput.js';
import { validateRecord } from './record-validation.js';
import { SectionColumns } from './SectionColumns.js';

type Values = Record<string, unknown>;

interface Props {
  description: ObjectDescription;
  /** The record being edited; a create without one. */
  record?: RecordData;
  nameFieldOf(object: string): string;
  /** Shown, not used: the layout designer's preview of the real form. */
  preview?: boolean;
  /** A new record's starting values over the fields' defaults (a clone's, a child's parent link). */
  prefill?: Record<string, unknown>;
}

/** The form's starting values, in the form controls' own shapes. */
function initialValues(
  description: ObjectDescription,
  record: RecordData | undefined,
  prefill: Record<string, unknown> = {},
): Values {
  const values: Values = {};
  for (const [name, prop] of Object.entries(description.document.properties)) {
    if (!EDITABLE(prop)) continue;
    const value = record ? record[name] : Object.hasOwn(prefill, name) ? prefill[name] : prop.default;
    values[name] =
      prop['x-tessera'].field === 'datetime'
        ? toLocalInput(value)
        : (value ?? (prop['x-tessera'].field === 'boolean' ? false : null));
  }
  return values;
}

export function RecordForm({ description, record, nameFieldOf, preview = false, prefill }: Props) {
  const { t, label } = useI18n();
  const { me } = useSession();
  const object = description.document;
  const layout = chooseLayout(object, description.layouts, me?.user?.role ?? null, record);
  const { register, control, handleSubmit, setError, formState, watch } = useForm<Values>({
    defaultValues: initialValues(description, record, prefill),
  });
  const [formError, setFormError] = useState<string | null>(null);
  const required = new Set(
    layout.sections.flatMap((s) => s.items.filter((i) => i.required).map((i) => i.field)),
  );
  const placed = new Set(layout.sections.flatMap((s) => s.items.map((i) => i.field)));

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    // Only what the layout shows is sent: a field the user cannot see is never written by this form.
    const sent = Object.fromEntries(Object.entries(values).filter(([name]) => placed.has(name)));
    const problems = validateRecord(
      record ? description.schemas.update : description.schemas.create,
      sent,
      required,
    );
    for (const [name, problem] of Object.entries(problems))
      setError(name, { type: 'client', message: t(problem.key, problem.vars) });
    if (Object.keys(problems).length) return setFormError(t('record.fixErrors'));
    try {
      const saved = record
        ? await api<{ data: RecordData }>('PATCH', `/data/${description.apiName}/${record.id}`, sent, {
            'if-match': `"${record.version}"`,
          })
        : await api<{ data: RecordData }>('POST', `/data/${description.apiName}`, sent);
      navigate({ page: 'record', object: description.apiName, id: saved.data.id });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 412 || error.code === 'version_conflict')
        return setFormError(t('record.conflict'));
      const unplaced = error.errors.filter((e) => !e.field || !placed.has(e.field));
      for (const entry of error.errors)
        if (entry.field && placed.has(entry.field))
          setError(entry.field, { type: 'server', message: entry.message });
      setFormError(
        unplaced.length
          ? unplaced.map((e) => e.message).join(' ')
          : error.errors.length
            ? t('record.fixErrors')
            : error.message,
      );
    }
  });

  return (
    <form className="record-form" onSubmit={submit} noValidate>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {layout.sections.map((section) => (
        <fieldset key={section.id} className="section">
          {section.label && <legend>{label(section.label, section.id)}</legend>}
          <SectionColumns
            section={section}
            renderItem={(item) => {
              const prop = object.properties[item.field];
              if (!prop || !EDITABLE(prop)) return null;
              const error = formState.errors[item.field];
              const isRequired = required.has(item.field) || (object.required ?? []).includes(item.field);
              return (
                <div key={item.field} className="field">
                  <label htmlFor={`field-${item.field}`}>
                    {label(prop['x-tessera'].label, prop.title ?? item.field)}
                    {isRequired && (
                      <span className="required" title={t('field.required')}>
                        {' '}
                        *
                      </span>
                    )}
                  </label>
                  <FieldInput
                    name={item.field}
                    prop={prop}
                    register={register}
                    control={control}
                    invalid={Boolean(error)}
                    readOnly={item.readOnly === true}
                    nameFieldOf={nameFieldOf}
                    controlling={
                      prop['x-tessera'].controllingField
                        ? watch(prop['x-tessera'].controllingField)
                        : undefined
                    }
                  />
                  {error && (
                    <p className="field-error" id={`error-${item.field}`}>
                      {String(error.message)}
                    </p>
                  )}
                </div>
              );
            }}
          />
        </fieldset>
      ))}
      {!preview && (
        // Kept in view at the bottom of the screen while a long form scrolls: Save is always one tap away.
        <div className="actions save-bar">
          <Button type="submit" variant="primary" icon={Check} busy={formState.isSubmitting}>
            {t('record.save')}
          </Button>
          <Button
            onClick={() =>
              navigate(
                record
                  ? { page: 'record', object: description.apiName, id: record.id }
                  : { page: 'list', object: description.apiName },
              )
            }
          >
            {t('record.cancel')}
          </Button>
        </div>
      )}
    </form>
  );
}
