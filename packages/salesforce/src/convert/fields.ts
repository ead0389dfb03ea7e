/**
 * Fields: every Salesforce field of a converted object is named first (so formulas, roll-ups and dependent
 * picklists can refer to fields converted later), then converted by its type — scalar types, picklists,
 * relationships, formulas, and last roll-ups, which read their child's fields.
 */
import type { PropertyDocument } from '@tessera/engine';
import { objectKind, SF_ID_FIELD } from '../names.js';
import { bool, text, type Xml } from '../read/xml.js';
import { autonumberFormat } from './autonumber.js';
import {
  addField,
  type Conversion,
  convertedObjects,
  type PlannedField,
  type PlannedObject,
} from './context.js';
import { type FieldResult, literalDefault, property } from './field-result.js';
import { convertFormulaField } from './formula-fields.js';
import { translateFormula } from './formulas.js';
import { labelOf, referenceTargets } from './objects.js';
import { convertPicklist, resolveDependencies } from './picklists.js';
import { convertReference } from './reference-fields.js';
import { convertRollup } from './rollups.js';
import { SCALAR_FIELDS, UNSUPPORTED_TYPES } from './scalar-fields.js';

/** Where Activity's fields go: Task and Event share them in Salesforce. */
const ACTIVITY_OBJECTS = new Set(['Task', 'Event']);
export const RECORD_TYPE_FIELD = 'record_type';

const fieldsOf = (c: Conversion, o: PlannedObject): Xml[] => {
  const own = [...(o.source?.fields.values() ?? [])];
  const activity = ACTIVITY_OBJECTS.has(o.sf)
    ? [...(c.project.objects.get('Activity')?.fields.values() ?? [])]
    : [];
  return [...own, ...activity].sort((a, b) =>
    (text(a, 'fullName') ?? '').localeCompare(text(b, 'fullName') ?? ''),
  );
};

/** Names every field of every converted object; fields that will not convert are reported here. */
export function planFields(c: Conversion): void {
  for (const o of convertedObjects(c)) {
    if (o.source?.recordTypes.length) {
      o.recordTypeField = o.names.take(RECORD_TYPE_FIELD);
    }
    for (const xml of fieldsOf(c, o)) {
      const sf = text(xml, 'fullName') ?? '';
      const source = `${o.sf}.${sf}`;
      const known = o.fields.get(sf.toLowerCase());
      if (known) {
        // crm-core's field, or a system field: the project only restates (or customizes) a standard field.
        const what = known.origin === 'base' ? "crm-core's field" : 'a platform field';
        c.report.mapped('field', source, `${o.name}.${known.name}`, what);
        continue;
      }
      const type = text(xml, 'type');
      if (!type && !text(xml, 'formula')) {
        c.report.skipped(
          'field',
          source,
          objectKind(sf) === 'custom'
            ? 'no type in the project'
            : `a standard field ${o.origin === 'base' ? `${o.name} does not have` : 'whose definition is not in the project'}`,
        );
        continue;
      }
      // Lookups know their target now, so formulas converted before them can follow them.
      const references = ['Lookup', 'MasterDetail'].includes(type ?? '')
        ? referenceTargets(xml)
            .filter((t) => c.objects.has(t))
            .slice(0, 1)
        : [];
      addField(o, {
        sf,
        name: o.names.take(sf),
        origin: 'new',
        xml,
        ...(references.length ? { references } : {}),
      });
    }
  }
}

function convertOne(c: Conversion, o: PlannedObject, f: PlannedField, xml: Xml): FieldResult {
  const type = text(xml, 'type') ?? '';
  const label = text(xml, 'label') ?? labelOf(f.sf);
  if (text(xml, 'formula')) return convertFormulaField(c, o, xml, label);
  const unsupported = UNSUPPORTED_TYPES[type];
  if (unsupported) return { skip: unsupported };
  const scalar = SCALAR_FIELDS[type];
  if (scalar) return scalar(xml, label);
  if (type === 'Picklist' || type === 'MultiselectPicklist')
    return convertPicklist(c, xml, label, type !== 'Picklist');
  if (type === 'Lookup' || type === 'MasterDetail' || type === 'Hierarchy')
    return convertReference(c, xml, label, type);
  if (type === 'AutoNumber') return convertAutonumber(xml, label);
  if (type === 'Summary') return convertRollup(c, o, xml, label);
  return { skip: `type ${type || '(none)'} has no Tessera counterpart` };
}

function convertAutonumber(xml: Xml, label: string): FieldResult {
  const { format, note } = autonumberFormat(text(xml, 'displayFormat'));
  return {
    property: {
      ...property(xml, label, { type: 'string' }, { field: 'autonumber', format }),
      readOnly: true,
    },
    ...(note ? { note } : {}),
  };
}

/** Converts every planned field; roll-ups last. */
export function convertFields(c: Conversion): void {
  const objects = convertedObjects(c);
  const isRollup = (f: PlannedField) => text(f.xml, 'type') === 'Summary';
  for (const pass of [(f: PlannedField) => !isRollup(f), isRollup])
    for (const o of objects)
      for (const f of [...o.fields.values()])
        if (f.origin === 'new' && f.xml && f.name !== SF_ID_FIELD && pass(f)) applyField(c, o, f, f.xml);
  for (const o of objects)
    for (const { field, note } of resolveDependencies(o))
      c.report.approximate('field', `${o.name}.${field}`, note);
}

function applyField(c: Conversion, o: PlannedObject, f: PlannedField, xml: Xml): void {
  const source = `${o.sf}.${f.sf}`;
  const result = convertOne(c, o, f, xml);
  if ('skip' in result) {
    c.report.skipped('field', source, result.skip);
    o.fields.delete(f.sf.toLowerCase());
    return;
  }
  const notes = result.note ? [result.note] : [];
  const prop = result.property;
  const generated = ['formula', 'rollup', 'autonumber'].includes(prop['x-tessera'].field);
  if (!generated) notes.push(...applyDefault(c, o, prop, text(xml, 'defaultValue')));
  if (
    bool(xml, 'unique') &&
    ['text', 'email', 'phone', 'url', 'integer', 'number', 'date'].includes(prop['x-tessera'].field)
  )
    prop['x-tessera'].unique = true;
  if (bool(xml, 'externalId') && !prop['x-tessera'].unique)
    notes.push(
      "an external Id: indexed in Salesforce, an ordinary field here (sf_id keeps the record's own Id)",
    );
  if (bool(xml, 'trackHistory') && o.origin === 'package') o.document['x-tessera'].trackHistory = true;
  f.property = prop;
  if (result.references) f.references = result.references;
  o.document.properties[f.name] = prop;
  if ((result.required || bool(xml, 'required')) && !generated) {
    o.document.required = [...(o.document.required ?? []), f.name];
    f.required = true;
  }
  const target = `${o.name}.${f.name}`;
  if (notes.length) c.report.approximated('field', source, target, notes.join('; '));
  else c.report.mapped('field', source, target, prop['x-tessera'].field);
}

/** A Salesforce default: a literal as `default`, an expression as a default formula (translated), else a note. */
function applyDefault(
  c: Conversion,
  o: PlannedObject,
  prop: PropertyDocument,
  expression: string | undefined,
): string[] {
  if (expression === undefined || prop['x-tessera'].field === 'boolean') return [];
  const literal = literalDefault(expression);
  if (literal) {
    prop.default = literal.value;
    return [];
  }
  const translated = translateFormula(c, o, expression);
  if ('problem' in translated) return [`default ${expression} not kept: ${translated.problem}`];
  prop['x-tessera'].defaultFormula = translated.formula;
  return [];
}
