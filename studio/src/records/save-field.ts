/**
 * One field of one record saved on its own: a PATCH with the record's version (If-Match), so a change made by
 * someone else meanwhile is refused rather than overwritten. The answer is the saved record, or the message to
 * show at the field: the server's own entry for it (a validation rule's text), else the refusal's.
 */
import { TesseraApiError } from '@tessera/client';
import { tessera } from '../api/tessera.js';
import type { ObjectDescription, PropertyDocument, RecordData } from '../api/types.js';
import type { I18n } from '../i18n/i18n.js';
import { EDITABLE } from './FieldInput.js';

export type FieldSave = { saved: RecordData } | { refused: string };

/**
 * Whether a field may be edited in place: the server's update schema for this user offers it (computed fields,
 * and those their field-level security lets them only read, are not in it), the layout does not make it read-only,
 * and the studio has a control for it.
 */
export function editableInPlace(
  description: ObjectDescription,
  field: string,
  layoutReadOnly = false,
): boolean {
  const prop: PropertyDocument | undefined = description.document.properties[field];
  return (
    description.permissions.edit &&
    !layoutReadOnly &&
    prop !== undefined &&
    Object.hasOwn(description.schemas.update.properties, field) &&
    EDITABLE(prop)
  );
}

/** The message of a refused write, for `field` (a rule's or a check's entry on it first). */
export function refusalMessage(error: TesseraApiError, field: string | undefined, t: I18n['t']): string {
  const { status, code, detail, title, errors = [] } = error.problem;
  if (status === 412 || code === 'version_conflict') return t('record.conflict');
  const entries = errors.filter((e) => !field || !e.field || e.field === field);
  return entries.length ? entries.map((e) => e.message).join(' ') : (detail ?? title);
}

export async function saveField(
  object: string,
  record: RecordData,
  field: string,
  value: unknown,
  t: I18n['t'],
  expand?: string,
): Promise<FieldSave> {
  const client = tessera.data(object);
  try {
    await client.update(record.id, { [field]: value }, { ifVersion: record.version });
    // Read back with the linked records' names the list or page shows.
    const saved = await client.get(record.id, expand ? { expand: expand.split(',') } : {});
    return { saved };
  } catch (error) {
    if (!(error instanceof TesseraApiError)) throw error;
    return { refused: refusalMessage(error, field, t) };
  }
}
