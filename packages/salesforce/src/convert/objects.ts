/**
 * Objects: which Salesforce objects become objects of the package, which land on crm-core's, which are
 * skipped; their names, labels, sharing and name field. Fields are planned and converted elsewhere.
 */
import type { ObjectDocument, PropertyDocument, SharingModel } from '@tessera/engine';
import {
  NameAllocator,
  objectKind,
  type SalesforceObjectKind,
  SF_ID_FIELD,
  STANDARD_OBJECTS,
  SYSTEM_FIELDS,
  snakeName,
} from '../names.js';
import type { SourceObject } from '../read/project.js';
import { bool, child, text } from '../read/xml.js';
import { autonumberFormat } from './autonumber.js';
import { addField, type Conversion, type PlannedObject } from './context.js';

/** Standard objects that hold the platform's own things, not business records: lookups to them are kept as Ids. */
const PLATFORM_OBJECTS = new Set([
  'User',
  'Group',
  'RecordType',
  'Profile',
  'UserRole',
  'Organization',
  'BusinessHours',
  'Holiday',
  'Folder',
  'Document',
  'Attachment',
  'ContentDocument',
  'ContentVersion',
  'EmailTemplate',
  'Report',
  'Dashboard',
  'ApexClass',
  'AsyncApexJob',
  'CronTrigger',
  'DuplicateRecordSet',
  'StaticResource',
  'PermissionSet',
]);

/** Salesforce's fields for activities in general: they are fields of tasks (and events). */
const ACTIVITY = 'Activity';

const SKIP_REASONS: Partial<Record<SalesforceObjectKind, string>> = {
  custom_metadata: 'custom metadata type: deployable configuration, not records (no Tessera counterpart)',
  platform_event: 'platform event: a message, not a record (automations take events in Tessera)',
  big_object: 'big object: archive storage with no Tessera counterpart',
  external: 'external object: its records live in another system',
  custom_setting_or_other: 'a platform-managed companion object (share, history, feed, knowledge)',
};

const SHARING: Record<string, SharingModel> = {
  Private: 'private',
  Read: 'public_read',
  ReadWrite: 'public_read_write',
  ReadWriteTransfer: 'public_read_write',
  FullAccess: 'public_read_write',
  ReadSelect: 'public_read',
};

/** The Tessera object a Salesforce object's records go to, or why it has none. */
export function objectDecision(
  o: Pick<SourceObject, 'name' | 'definition'> | { name: string; definition?: undefined },
): { origin: 'base' | 'package' } | { skip: string } {
  if (o.name === ACTIVITY) return { origin: 'base' };
  if (STANDARD_OBJECTS[o.name]) return { origin: 'base' };
  const kind = objectKind(o.name);
  if (kind === 'custom') {
    if (text(o.definition, 'customSettingsType'))
      return { skip: 'custom setting: configuration read by code, not business records' };
    return { origin: 'package' };
  }
  if (kind === 'standard')
    return PLATFORM_OBJECTS.has(o.name)
      ? { skip: "a platform object: its records are the org's own (users, profiles, files…)" }
      : { origin: 'package' };
  return { skip: SKIP_REASONS[kind] ?? 'not a kind of object Tessera has' };
}

/** Names every object of the project (and the standard objects its lookups reach) before fields are planned. */
export function planObjects(c: Conversion): void {
  const names = new NameAllocator(c.basePackage.objects.keys());
  const sources = [...c.project.objects.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const source of sources) {
    const decision = objectDecision(source);
    if ('skip' in decision) {
      c.report.skipped('object', source.name, decision.skip);
      continue;
    }
    if (source.name === ACTIVITY) {
      // Activity's fields are Task's (and Event's): Task is crm-core's, so it is there to take them.
      if (!c.objects.has('Task')) addObject(c, 'Task', c.project.objects.get('Task'));
      continue;
    }
    if (c.objects.has(source.name)) continue; // Task, planned early for Activity's fields
    addObject(c, source.name, source, decision.origin === 'base' ? undefined : names.take(source.name));
  }
  // Lookups to standard business objects the project does not define (Campaign, Case…): they get objects too.
  for (const source of sources.filter((s) => c.objects.has(s.name) || s.name === ACTIVITY))
    for (const field of source.fields.values())
      for (const target of referenceTargets(field)) {
        if (c.objects.has(target) || objectKind(target) !== 'standard') continue;
        const decision = objectDecision({ name: target });
        if ('skip' in decision) continue;
        addObject(c, target, undefined, decision.origin === 'base' ? undefined : names.take(target));
      }
  // Every standard object crm-core has, even one the project never customized: a data export holds its
  // records (lwc-recipes' Opportunities), and the data loader upserts them by the `sf_id` only this adds.
  // A base package without one of them (a custom --base) just leaves it out: the project never asked for it.
  for (const [sf, mapping] of Object.entries(STANDARD_OBJECTS).sort(([a], [b]) => a.localeCompare(b)))
    if (!c.objects.has(sf) && c.basePackage.objects.has(mapping.object)) addObject(c, sf, undefined);
}

export function referenceTargets(field: Record<string, unknown>): string[] {
  const to = field.referenceTo;
  return (Array.isArray(to) ? to : to === undefined ? [] : [to]).filter(
    (t): t is string => typeof t === 'string' && t !== '',
  );
}

function addObject(c: Conversion, sf: string, source: SourceObject | undefined, packageName?: string): void {
  const mapping = STANDARD_OBJECTS[sf];
  let planned: PlannedObject;
  if (mapping) {
    const base = c.basePackage.objects.get(mapping.object);
    if (!base) {
      c.report.skipped('object', sf, `the base package has no object "${mapping.object}"`);
      return;
    }
    planned = {
      sf,
      name: mapping.object,
      origin: 'base',
      base,
      document: extensionDocument(base),
      fields: new Map(),
      names: new NameAllocator(Object.keys(base.properties)),
      ...(mapping.nameFrom ? { nameFrom: [...mapping.nameFrom] } : {}),
      ...(source ? { source } : {}),
    };
    for (const [sfField, field] of Object.entries(mapping.fields)) {
      const target = base.properties[field]?.['x-tessera'].target;
      const sfTarget = Object.entries(STANDARD_OBJECTS).find(([, m]) => m.object === target)?.[0];
      addField(planned, {
        sf: sfField,
        name: field,
        origin: 'base',
        ...(sfTarget ? { references: [sfTarget] } : {}),
      });
    }
    c.report.mapped(
      'object',
      sf,
      mapping.object,
      `onto ${c.basePackage.name}'s ${mapping.object}${source ? '' : ' (not in the project: its standard fields and sf_id, for data)'}`,
    );
  } else {
    const name = packageName as string;
    planned = {
      sf,
      name,
      origin: 'package',
      document: packageDocument(c, sf, name, source),
      fields: new Map(),
      names: new NameAllocator(['name']),
      ...(source ? { source } : {}),
    };
    addField(planned, {
      sf: 'Name',
      name: 'name',
      origin: 'new',
      property: planned.document.properties.name,
    });
    const note = objectNote(sf, source);
    if (note) c.report.approximated('object', sf, name, note);
    else c.report.mapped('object', sf, name);
  }
  planned.names.reserve(SF_ID_FIELD);
  planned.document.properties[SF_ID_FIELD] = sfIdProperty();
  for (const [sfField, field] of Object.entries(SYSTEM_FIELDS))
    addField(planned, { sf: sfField, name: field, origin: field === SF_ID_FIELD ? 'new' : 'system' });
  c.objects.set(sf, planned);
  c.objects.set(sf.toLowerCase(), planned);
}

function objectNote(sf: string, source: SourceObject | undefined): string | undefined {
  if (objectKind(sf) === 'standard')
    return `a standard object ${source?.definition ? '' : 'the project does not define '}with no crm-core counterpart: created with a Name field and the fields the project gives it`;
  if (!source?.definition)
    return 'defined by another package (only its fields are in the project): created with a Name field';
  const sharing = text(source.definition, 'sharingModel');
  if (sharing && !SHARING[sharing])
    return `sharing "${sharing}" has no Tessera counterpart: records are private to their owners`;
  return undefined;
}

/** What the package adds to a crm-core object: its new fields only (`required` lists the new required ones). */
function extensionDocument(base: ObjectDocument): ObjectDocument {
  return {
    type: 'object',
    'x-tessera': { apiName: base['x-tessera'].apiName, nameField: base['x-tessera'].nameField },
    properties: {},
  };
}

/** A readable label from an API name: `ServiceDelivery__c` → `Service Delivery`. */
export function labelOf(sfName: string): string {
  return snakeName(sfName)
    .split('_')
    .map((w) => `${w[0]?.toUpperCase() ?? ''}${w.slice(1)}`)
    .join(' ');
}

function packageDocument(
  c: Conversion,
  sf: string,
  name: string,
  source: SourceObject | undefined,
): ObjectDocument {
  const def = source?.definition;
  const label = text(def, 'label') ?? labelOf(sf);
  const plural = text(def, 'pluralLabel');
  const description = text(def, 'description');
  const sharing = SHARING[text(def, 'sharingModel') ?? ''];
  return {
    type: 'object',
    title: label,
    'x-tessera': {
      apiName: name,
      label: { en: label },
      ...(plural ? { pluralLabel: { en: plural } } : {}),
      ...(description ? { description: { en: description } } : {}),
      nameField: 'name',
      ...(bool(def, 'enableHistory') ? { trackHistory: true } : {}),
      ...(sharing ? { sharing } : {}),
    },
    properties: { name: nameProperty(c, sf, name, child(def, 'nameField')) },
  };
}

function nameProperty(
  c: Conversion,
  sf: string,
  objectName: string,
  nameField: Record<string, unknown> | undefined,
): PropertyDocument {
  const label = text(nameField, 'label') ?? 'Name';
  if (text(nameField, 'type') === 'AutoNumber') {
    const format = autonumberFormat(text(nameField, 'displayFormat'));
    c.report.add({
      kind: 'field',
      source: `${sf}.Name`,
      status: format.note ? 'approximated' : 'mapped',
      target: `${objectName}.name`,
      ...(format.note ? { note: format.note } : {}),
    });
    return {
      type: 'string',
      title: label,
      readOnly: true,
      'x-tessera': { field: 'autonumber', label: { en: label }, format: format.format },
    };
  }
  return {
    type: 'string',
    maxLength: 255,
    title: label,
    'x-tessera': { field: 'text', label: { en: label } },
  };
}

function sfIdProperty(): PropertyDocument {
  return {
    type: 'string',
    maxLength: 18,
    title: 'Salesforce Id',
    'x-tessera': {
      field: 'text',
      unique: true,
      label: { en: 'Salesforce Id' },
      helpText: { en: "The record's 18-character Id in Salesforce, kept so a data import can run again." },
    },
  };
}
