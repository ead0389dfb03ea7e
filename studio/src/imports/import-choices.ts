/**
 * What the import wizard offers and sends, worked out from the object's description: the fields a column may
 * fill (those the user may set: the server's create and update schemas leave out generated fields and those
 * field-level security keeps from the user), the keys an update finds records by, and the options as the
 * server takes them (defaults left out).
 */
import type {
  DateOrder,
  DecimalSeparator,
  ImportJob,
  ImportMode,
  ImportOptions,
  ImportPreview,
} from '@tessera/client';
import type { ObjectDescription } from '../api/types.js';

/** The fields a column may fill, in the object's order. */
export function fillableFields(description: ObjectDescription): string[] {
  const settable = new Set([
    ...Object.keys(description.schemas.create.properties),
    ...Object.keys(description.schemas.update.properties),
  ]);
  return Object.keys(description.document.properties).filter((field) => settable.has(field));
}

/** What an update or upsert may find records by: the record ID, or a unique field. */
export function keyFields(description: ObjectDescription): string[] {
  const unique = Object.entries(description.document.properties)
    .filter(([, prop]) => prop['x-tessera'].unique === true)
    .map(([field]) => field);
  return ['id', ...unique];
}

/**
 * Every column and what it fills as the server suggests: a field, `<lookup>.<field>` for a lookup found by
 * another of its target's fields, or `''` (not imported). Every column is sent, so that one the user left out
 * is not matched again by its name on the server.
 */
export function suggestedMapping(preview: ImportPreview): Record<string, string> {
  return Object.fromEntries(
    preview.columns.map(({ column, field, lookupKey }) => [
      column,
      field === null ? '' : lookupKey ? `${field}.${lookupKey}` : field,
    ]),
  );
}

/** The field a mapping target fills: `account` for `account.account_number`. */
export const filledField = (target: string): string => target.split('.')[0] ?? target;

/** The fields chosen for more than one column (each may be filled from one column only). */
export function fieldsChosenTwice(mapping: Record<string, string>): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const target of Object.values(mapping)) {
    if (target === '') continue;
    const field = filledField(target);
    (seen.has(field) ? twice : seen).add(field);
  }
  return [...twice];
}

/** The wizard's choices, as the user left them. */
export interface WizardOptions {
  mode: ImportMode;
  key: string;
  atomic: boolean;
  dateOrder: DateOrder;
  decimalSeparator: DecimalSeparator;
}

export const DEFAULT_OPTIONS: WizardOptions = {
  mode: 'insert',
  key: 'id',
  atomic: true,
  dateOrder: 'ymd',
  decimalSeparator: '.',
};

/** The options of an import (or of its dry run) as the server takes them: what is the default is not sent. */
export function importOptions(
  object: string,
  mapping: Record<string, string>,
  options: WizardOptions,
  dryRun: boolean,
): ImportOptions {
  return {
    object,
    mode: options.mode,
    ...(options.mode === 'insert' ? {} : { key: options.key }),
    mapping,
    atomic: options.atomic,
    ...(dryRun ? { dryRun: true } : {}),
    ...(options.dateOrder === DEFAULT_OPTIONS.dateOrder ? {} : { dateOrder: options.dateOrder }),
    ...(options.decimalSeparator === DEFAULT_OPTIONS.decimalSeparator
      ? {}
      : { decimalSeparator: options.decimalSeparator }),
  };
}

/** How far an import is, 0 to 100; undefined while the number of rows is not known yet. */
export function percentDone(job: Pick<ImportJob, 'processed' | 'total'>): number | undefined {
  if (job.total === null || job.total === undefined) return undefined;
  if (job.total === 0) return 100;
  return Math.min(100, Math.floor((job.processed / job.total) * 100));
}

/**
 * After a check: whether the import may go on — all rows good, or the good ones wanted without the others, and
 * something to write.
 */
export const mayImport = (checked: ImportJob): boolean =>
  checked.status === 'succeeded' &&
  checked.error === null &&
  (checked.failed === 0 || !checked.atomic) &&
  checked.created + checked.updated > 0;
