/**
 * How formulas see an object's fields: each field type's formula type, and paths that follow lookups to other
 * objects (`customer_id.region`). Used to check formulas when metadata is deployed and to compile them for a
 * metadata version.
 */
import type { FormulaEnvironment, FormulaPurpose, FormulaType } from '@tessera/formula';
import type { FieldType } from '../fields/field-types.js';
import { fieldTypeDef, isFieldType } from '../fields/registry.js';
import { propertyOf } from '../metadata/property-of.js';
import type { ObjectDocument, PropertyDocument } from '../metadata/types.js';
import type { CompiledModel } from '../model/compiled-model.js';
import { getOrCreate } from '../util/get-or-create.js';
import { storedFormulas } from './stored-formulas.js';

const BY_FIELD_TYPE: Partial<Record<FieldType, FormulaType>> = {
  text: 'text',
  textarea: 'text',
  richtext: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  time: 'text',
  autonumber: 'text',
  lookup: 'text',
  master_detail: 'text',
  user: 'text',
  integer: 'number',
  number: 'number',
  currency: 'number',
  percent: 'number',
  rollup: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  picklist: 'picklist',
};

const BY_RETURNS: Record<string, FormulaType> = {
  text: 'text',
  number: 'number',
  currency: 'number',
  percent: 'number',
  integer: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

const SYSTEM: Record<string, FormulaType> = {
  id: 'text',
  created_at: 'datetime',
  updated_at: 'datetime',
  created_by: 'text',
  updated_by: 'text',
  owner_id: 'text',
  version: 'number',
};

/** Lookups a path may follow: as Salesforce, up to five objects away. */
export const MAX_HOPS = 5;

export function formulaTypeOf(prop: PropertyDocument): FormulaType | undefined {
  const field = prop['x-tessera'].field;
  if (field === 'formula') return BY_RETURNS[prop['x-tessera'].returns ?? ''];
  return BY_FIELD_TYPE[field];
}

/**
 * The environment of formulas on `object`. A path's last field may be of any type that has a formula type; the
 * fields before it must be lookups or master-details. Across a lookup, only values a query can read are
 * reachable: roll-ups and stored formulas (their columns are kept current), not formulas computed when read.
 */
export function formulaEnvironment(
  object: ObjectDocument,
  objects: ReadonlyMap<string, ObjectDocument>,
  purpose: FormulaPurpose = 'field',
): FormulaEnvironment {
  return {
    purpose,
    field(path) {
      let doc: ObjectDocument | undefined = object;
      for (const [i, name] of path.entries()) {
        if (!doc || i > MAX_HOPS) return undefined;
        const last = i === path.length - 1;
        if (last && Object.hasOwn(SYSTEM, name)) return SYSTEM[name];
        const prop: PropertyDocument | undefined = propertyOf(doc, name);
        if (!prop) return undefined;
        if (last) {
          if (i > 0 && prop['x-tessera'].field === 'formula' && !storedFormulas(doc).has(name))
            return undefined;
          return formulaTypeOf(prop);
        }
        const kind = prop['x-tessera'].field;
        const linked = isFieldType(kind) ? fieldTypeDef(kind).reference?.(prop).object : undefined;
        if (linked === undefined) return undefined;
        doc = objects.get(linked);
      }
      return undefined;
    },
  };
}

const byName = new WeakMap<CompiledModel, ReadonlyMap<string, ObjectDocument>>();

/** The object documents of a model version by API name: what `formulaEnvironment` follows lookups through. */
export const objectDocuments = (model: CompiledModel): ReadonlyMap<string, ObjectDocument> =>
  getOrCreate(byName, model, () => new Map([...model.objects.values()].map((o) => [o.apiName, o.document])));
