/**
 * Picklists and multi-select picklists: their values from the field's own value set, a global value set, or
 * the pre-v38 `<picklist>` element; dependent picklists (`controllingField` with `valueSettings`) as options'
 * `validFor`, resolved once every field of the object is converted (see `resolveDependencies`).
 */
import type { PicklistOption, PropertyDocument } from '@tessera/engine';
import { bool, child, list, text, texts, type Xml } from '../read/xml.js';
import type { Conversion, PlannedObject } from './context.js';
import { plannedField, propertyOfField } from './context.js';
import { type FieldResult, property } from './field-result.js';

interface Value {
  value: string;
  label: string;
  isDefault: boolean;
  active: boolean;
  color?: string;
}

/** Values of a value set (`<value>` of a field, `<customValue>` of a global set, `<standardValue>`). */
function valuesOf(elements: Xml[]): Value[] {
  return elements.map((v) => {
    const value = text(v, 'fullName') ?? text(v, 'valueName') ?? '';
    const color = text(v, 'color');
    return {
      value,
      label: text(v, 'label') ?? value,
      isDefault: bool(v, 'default'),
      active: text(v, 'isActive') !== 'false',
      ...(color && /^#[0-9a-fA-F]{6}$/.test(color) ? { color } : {}),
    };
  });
}

/** The field's values and, for a dependent picklist, each value's controlling values (as Salesforce writes them). */
function readValueSet(
  c: Conversion,
  xml: Xml,
):
  | {
      values: Value[];
      controllingField?: string;
      validFor: Map<string, string[]>;
      restricted: boolean;
      from?: string;
    }
  | { problem: string } {
  const validFor = new Map<string, string[]>();
  const valueSet = child(xml, 'valueSet');
  const legacy = child(xml, 'picklist');
  if (legacy) {
    const elements = list(legacy.picklistValues);
    for (const v of elements) {
      const controlling = texts(v.controllingFieldValues);
      if (controlling.length) validFor.set(text(v, 'fullName') ?? '', controlling);
    }
    const controllingField = text(legacy, 'controllingField');
    return {
      values: valuesOf(elements),
      validFor,
      restricted: bool(legacy, 'restrictedPicklist'),
      ...(controllingField ? { controllingField } : {}),
    };
  }
  if (!valueSet) return { problem: 'no value set' };
  for (const s of list(valueSet.valueSettings))
    validFor.set(text(s, 'valueName') ?? '', texts(s.controllingFieldValue));
  const controllingField = text(valueSet, 'controllingField');
  const common = {
    validFor,
    restricted: bool(valueSet, 'restricted'),
    ...(controllingField ? { controllingField } : {}),
  };
  const globalName = text(valueSet, 'valueSetName');
  if (globalName) {
    const global = c.project.globalValueSets.get(globalName);
    if (!global) return { problem: `its global value set ${globalName} is not in the project` };
    return { ...common, values: valuesOf(list(global.customValue)), restricted: true, from: globalName };
  }
  return { ...common, values: valuesOf(list(child(valueSet, 'valueSetDefinition')?.value)) };
}

/** Dependent options are kept aside until the controlling field is known: field name → Salesforce controller. */
/** The global value set a picklist's values came from, for its translations. */
export const globalValueSetOf = new WeakMap<PropertyDocument, string>();

export const pendingControllers = new WeakMap<
  PropertyDocument,
  { sfField: string; validFor: Map<string, string[]> }
>();

export function convertPicklist(c: Conversion, xml: Xml, label: string, multi: boolean): FieldResult {
  const set = readValueSet(c, xml);
  if ('problem' in set) return { skip: set.problem };
  const seen = new Set<string>();
  const values = set.values.filter(
    (v) => v.value !== '' && v.value.length <= 255 && !seen.has(v.value) && seen.add(v.value),
  );
  if (!values.length) return { skip: 'a picklist without values' };
  const options: PicklistOption[] = values.map((v) => ({
    value: v.value,
    label: { en: v.label },
    ...(v.color ? { color: v.color } : {}),
  }));
  const enumValues = values.map((v) => v.value);
  const defaults = values.filter((v) => v.isDefault).map((v) => v.value);
  const schema = multi
    ? { type: 'array', items: { type: 'string', enum: enumValues }, uniqueItems: true }
    : { type: 'string', enum: enumValues };
  const prop = property(xml, label, schema, { field: multi ? 'multipicklist' : 'picklist', options });
  if (defaults.length) prop.default = multi ? defaults : (defaults[0] as string);
  if (set.from) globalValueSetOf.set(prop, set.from);
  if (set.controllingField)
    pendingControllers.set(prop, { sfField: set.controllingField, validFor: set.validFor });
  const notes = [
    ...(set.from ? [`values from global value set ${set.from}`] : []),
    ...(!set.restricted ? ['an unrestricted picklist: values outside the list are refused in Tessera'] : []),
    ...(values.some((v) => !v.active) ? ['inactive values kept as ordinary values'] : []),
  ];
  return { property: prop, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

/**
 * Dependent picklists, once every field of the object is converted: the controlling field named by its
 * Tessera name and each option's `validFor` in its values (a checkbox controls with `checked`/`unchecked`,
 * which are `true`/`false` here). A controller that was not converted leaves the picklist independent.
 */
export function resolveDependencies(object: PlannedObject): { field: string; note: string }[] {
  const notes: { field: string; note: string }[] = [];
  for (const [name, prop] of Object.entries(object.document.properties)) {
    const pending = pendingControllers.get(prop);
    if (!pending) continue;
    const controller = plannedField(object, pending.sfField);
    const controllerProp = controller && propertyOfField(object, controller);
    const kind = controllerProp?.['x-tessera'].field;
    if (!controller || !controllerProp || (kind !== 'picklist' && kind !== 'boolean')) {
      notes.push({
        field: name,
        note: `its controlling field ${pending.sfField} was not converted to a picklist or checkbox: the dependency is dropped`,
      });
      continue;
    }
    const allowed = new Set(
      kind === 'boolean'
        ? ['true', 'false']
        : (controllerProp['x-tessera'].options ?? []).map((o) => o.value),
    );
    const asValue = (v: string) =>
      kind === 'boolean' ? (v === 'checked' || v === 'true' ? 'true' : 'false') : v;
    prop['x-tessera'].controllingField = controller.name;
    for (const option of prop['x-tessera'].options ?? []) {
      const validFor = pending.validFor
        .get(option.value)
        ?.map(asValue)
        .filter((v) => allowed.has(v));
      // A value valid under no controlling value cannot be chosen in Salesforce either: keep it empty here too.
      option.validFor = [...new Set(validFor ?? [])];
    }
  }
  return notes;
}
