/**
 * A dependent picklist's options in a form: while its controlling field (a picklist or a checkbox) has a value,
 * only the options valid for it are offered (options without `validFor` fit any); with none, all are. The
 * server checks the same rule on the record as it would be stored.
 */
import type { PropertyDocument } from '../api/types.js';

type Option = NonNullable<PropertyDocument['x-tessera']['options']>[number];

export function allowedOptions(prop: PropertyDocument, controllingValue: unknown): Option[] {
  const options = prop['x-tessera'].options ?? [];
  if (
    !prop['x-tessera'].controllingField ||
    controllingValue === null ||
    controllingValue === undefined ||
    controllingValue === ''
  )
    return options;
  const value = String(controllingValue);
  return options.filter((o) => !o.validFor || o.validFor.includes(value));
}
