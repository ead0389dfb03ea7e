/**
 * A Salesforce picklist value as one of the Tessera field's options: the same value, else the map's own
 * translation (`values` in salesforce-map.json), else an option whose value or label (in any language) reads
 * the same once case, spaces and punctuation are set aside (`Closed Won` is `closed_won`), else the table of
 * Salesforce's standard values for crm-core's picklists.
 */
import type { CompiledField } from '@tessera/engine';
import { STANDARD_PICKLIST_VALUES } from './standard-picklist-values.js';

const loose = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '');

export interface PicklistMatcher {
  /** The option for a Salesforce value, or undefined when none matches. */
  match(value: string): string | undefined;
}

/** The allowed values of a picklist (enum) or multipicklist (items' enum) field, or undefined for others. */
export function allowedValues(field: CompiledField): readonly string[] | undefined {
  const schema = field.valueSchema as { enum?: string[]; items?: { enum?: string[] } };
  return schema.enum ?? schema.items?.enum;
}

export function picklistMatcher(
  field: CompiledField,
  allowed: readonly string[],
  sfObject: string,
  sfField: string,
  /** The map's own translation of Salesforce values (salesforce-map.json `values`), tried first. */
  mapped: Readonly<Record<string, string>> = {},
): PicklistMatcher {
  const byLoose = new Map<string, string>();
  const add = (text: string | undefined, value: string) => {
    if (text && !byLoose.has(loose(text))) byLoose.set(loose(text), value);
  };
  for (const value of allowed) add(value, value);
  for (const option of field.prop['x-tessera'].options ?? [])
    for (const label of Object.values(option.label ?? {})) add(label, option.value);
  const standard = STANDARD_PICKLIST_VALUES[`${sfObject}.${sfField}`] ?? {};
  const exact = new Set(allowed);
  return {
    match: (value) =>
      exact.has(value) ? value : (mapped[value] ?? byLoose.get(loose(value)) ?? standard[value] ?? undefined),
  };
}
