/**
 * Dependent picklists: an option with `validFor` may be chosen only while the controlling field (a picklist or
 * a checkbox) has one of those values. Checked on the whole record as it would be stored, so an update that
 * changes only the controlling field cannot leave a dependent value that no longer fits.
 */
import { type Issue, NO_ISSUES } from '../errors.js';
import type { CompiledObject } from '../model/compiled-model.js';
import { recordMessage } from '../model/record-messages.js';
import { getOrCreate } from '../util/get-or-create.js';

interface Dependent {
  field: string;
  controlling: string;
  /** Option value → the controlling values it is valid for; options without `validFor` fit any. */
  validFor: ReadonlyMap<string, ReadonlySet<string>>;
}

const cache = new WeakMap<CompiledObject, Dependent[]>();

function dependentsOf(object: CompiledObject): Dependent[] {
  return getOrCreate(cache, object, () =>
    [...object.fields.values()].flatMap((f) => {
      const o = f.prop['x-tessera'];
      if (!o.controllingField || !o.options) return [];
      const validFor = new Map(
        o.options.filter((opt) => opt.validFor).map((opt) => [opt.value, new Set(opt.validFor)] as const),
      );
      return validFor.size ? [{ field: f.name, controlling: o.controllingField, validFor }] : [];
    }),
  );
}

const asText = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

export function dependentPicklistIssues(
  object: CompiledObject,
  record: Readonly<Record<string, unknown>>,
  at: string,
  locale = 'en',
): Issue[] {
  const dependents = dependentsOf(object);
  if (!dependents.length) return NO_ISSUES;
  const issues: Issue[] = [];
  for (const d of dependents) {
    const value = record[d.field];
    const chosen = Array.isArray(value)
      ? value.map(String)
      : value === null || value === undefined
        ? []
        : [String(value)];
    const controlling = asText(record[d.controlling]);
    for (const option of chosen) {
      const allowed = d.validFor.get(option);
      if (allowed && (controlling === undefined || !allowed.has(controlling)))
        issues.push({
          pointer: `${at}/${d.field}`,
          code: 'dependent_value',
          message:
            controlling === undefined
              ? recordMessage(locale, 'dependentFirst', { option, controlling: d.controlling })
              : recordMessage(locale, 'dependentNotAllowed', {
                  option,
                  controlling: d.controlling,
                  value: controlling,
                }),
        });
    }
  }
  return issues;
}
