import type { PicklistOption } from '@tessera/engine';
/** The salesforce-map.json of a conversion: each converted Salesforce object and field, with its Tessera name. */
import {
  MAP_FORMAT,
  MAP_VERSION,
  type MappedField,
  type MappedObject,
  type SalesforceMap,
} from '../salesforce-map.js';
import { type Conversion, convertedObjects, propertyOfField } from './context.js';

const GENERATED = new Set(['formula', 'rollup', 'autonumber']);

/** crm-core's options by their English label (and by value), so Salesforce's values find theirs. */
function valuesByLabel(options: PicklistOption[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of options) {
    out[o.value] = o.value;
    if (o.label?.en) out[o.label.en] = o.value;
  }
  return out;
}

export function buildMap(c: Conversion): SalesforceMap {
  const objects: Record<string, MappedObject> = {};
  for (const o of convertedObjects(c)) {
    const fields: Record<string, MappedField> = {};
    for (const f of [...o.fields.values()].sort((a, b) => a.sf.localeCompare(b.sf))) {
      const prop = propertyOfField(o, f);
      const type = f.origin === 'system' ? 'system' : prop?.['x-tessera'].field;
      if (!type) continue;
      const readOnly = f.origin === 'system' || GENERATED.has(type) || prop?.readOnly === true;
      fields[f.sf] = {
        field: f.name,
        type,
        ...(f.references ? { references: f.references } : {}),
        ...(readOnly ? { readOnly: true } : {}),
        ...(type === 'multipicklist' ? { note: 'Salesforce joins the values with ";"' } : {}),
        ...(f.origin === 'base' && prop?.['x-tessera'].options
          ? { values: valuesByLabel(prop['x-tessera'].options) }
          : {}),
      };
    }
    objects[o.sf] = {
      object: o.name,
      origin: o.origin,
      ...(o.nameFrom ? { nameFrom: o.nameFrom } : {}),
      fields,
    };
  }
  return {
    format: MAP_FORMAT,
    version: MAP_VERSION,
    package: c.packageName,
    basePackage: c.basePackage.name,
    objects,
  };
}
