/**
 * Layouts and list views: their shape, then that everything they name exists. A layout places each field of its
 * object at most once, in a column its section has; its highlights are fields of it; its roles and record types exist; a related list follows a
 * link that really points at the object. A list view's columns, filter and sort name fields of its object, with
 * operators those fields take (values are checked by the data API when the view is used).
 */
import type { Issue } from '../errors.js';
import { FILTER_OPERATORS } from '../fields/field-types.js';
import { fieldTypeDef } from '../fields/registry.js';
import { storedFormulas } from '../formulas/stored-formulas.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import { checkKind, type SetObjects, unknownObject } from './check-named-kind.js';
import { escapePointer } from './json-pointer.js';
import { propertyOf } from './property-of.js';
import type {
  DocumentSet,
  LayoutDocument,
  ListViewDocument,
  ObjectDocument,
  PropertyDocument,
} from './types.js';

const isSystemField = (name: string) => Object.hasOwn(SYSTEM_FIELDS, name);

export function validateViewDocuments(set: DocumentSet, objects: SetObjects): Issue[] {
  const roles = new Set((set.roles ?? []).map((r) => r?.apiName));
  return [
    ...checkKind('layout', set.layouts ?? [], (d) => checkLayout(d, objects, roles)),
    ...checkKind('list_view', set.listViews ?? [], (d) => checkListView(d, objects)),
  ];
}

/** One list view against the objects as one user sees them (a personal view names only what its owner may read). */
export function validateListView(view: unknown, objects: ReadonlyMap<string, ObjectDocument>): Issue[] {
  return checkKind('list_view', [view as ListViewDocument], (d) =>
    checkListView(d, { valid: objects, broken: new Set() }),
  );
}

function checkLayout(layout: LayoutDocument, objects: SetObjects, roles: ReadonlySet<string>): Issue[] {
  const object = objects.valid.get(layout.object);
  if (!object) return unknownObject(objects, layout.object);
  const issues: Issue[] = [];
  const add = (pointer: string, code: string, message: string) => issues.push({ pointer, code, message });
  const placed = new Set<string>();
  const sectionIds = new Set<string>();
  layout.sections.forEach((section, s) => {
    if (sectionIds.has(section.id))
      add(`/sections/${s}/id`, 'duplicate_section', `section id "${section.id}" is used twice`);
    sectionIds.add(section.id);
    section.items.forEach((item, i) => {
      const at = `/sections/${s}/items/${i}`;
      const prop = propertyOf(object, item.field);
      if (!prop) add(`${at}/field`, 'unknown_field', `"${item.field}" is not a field of ${layout.object}`);
      else if (placed.has(item.field))
        add(`${at}/field`, 'duplicate_placement', `"${item.field}" is placed twice in this layout`);
      else if (item.required && fieldTypeDef(prop['x-tessera'].field).generated)
        add(`${at}/required`, 'generated_required', `"${item.field}" is computed and cannot be required`);
      placed.add(item.field);
      if ((item.column ?? 1) > section.columns)
        add(
          `${at}/column`,
          'bad_column',
          `column ${item.column} is not in a ${section.columns}-column section`,
        );
    });
  });
  (layout.roles ?? []).forEach((role, i) => {
    if (!roles.has(role)) add(`/roles/${i}`, 'unknown_role', `there is no role "${role}"`);
  });
  if (layout.recordTypes?.length) issues.push(...checkRecordTypes(layout, object));
  (layout.highlights ?? []).forEach((field, i) => {
    if (!propertyOf(object, field) && !isSystemField(field))
      add(`/highlights/${i}`, 'unknown_field', `"${field}" is not a field of ${layout.object}`);
  });
  (layout.relatedLists ?? []).forEach((related, i) => {
    issues.push(...checkRelatedList(related, layout.object, objects, `/relatedLists/${i}`));
  });
  return issues;
}

function checkRecordTypes(layout: LayoutDocument, object: ObjectDocument): Issue[] {
  const field = object['x-tessera'].recordTypeField;
  const picklist = field === undefined ? undefined : propertyOf(object, field);
  if (!picklist)
    return [
      {
        pointer: '/recordTypes',
        code: 'no_record_types',
        message: `${layout.object} has no recordTypeField: its records have no types to choose a layout by`,
      },
    ];
  const values = new Set((picklist['x-tessera'].options ?? []).map((o) => o.value));
  return (layout.recordTypes ?? []).flatMap((type, i) =>
    values.has(type)
      ? []
      : [
          {
            pointer: `/recordTypes/${i}`,
            code: 'unknown_record_type',
            message: `"${type}" is not a value of ${layout.object}.${field}`,
          },
        ],
  );
}

function checkRelatedList(
  related: NonNullable<LayoutDocument['relatedLists']>[number],
  parent: string,
  objects: SetObjects,
  at: string,
): Issue[] {
  const child = objects.valid.get(related.object);
  if (!child) return unknownObject(objects, related.object, `${at}/object`);
  const link = propertyOf(child, related.field)?.['x-tessera'];
  const links = (link?.field === 'lookup' || link?.field === 'master_detail') && link.target === parent;
  const issues: Issue[] = links
    ? []
    : [
        {
          pointer: `${at}/field`,
          code: 'not_a_link',
          message: `"${related.object}.${related.field}" is not a lookup or master-detail pointing at ${parent}`,
        },
      ];
  (related.columns ?? []).forEach((column, i) => {
    if (!propertyOf(child, column) && !isSystemField(column))
      issues.push({
        pointer: `${at}/columns/${i}`,
        code: 'unknown_field',
        message: `"${column}" is not a field of ${related.object}`,
      });
  });
  return issues;
}

function checkListView(view: ListViewDocument, objects: SetObjects): Issue[] {
  const object = objects.valid.get(view.object);
  if (!object) return unknownObject(objects, view.object);
  const issues: Issue[] = [];
  const known = (name: string) => isSystemField(name) || propertyOf(object, name) !== undefined;
  const shown = new Set<string>();
  view.columns.forEach((column, i) => {
    if (!known(column.field))
      issues.push({
        pointer: `/columns/${i}/field`,
        code: 'unknown_field',
        message: `"${column.field}" is not a field of ${view.object}`,
      });
    else if (shown.has(column.field))
      issues.push({
        pointer: `/columns/${i}/field`,
        code: 'duplicate_column',
        message: `"${column.field}" is a column twice`,
      });
    shown.add(column.field);
  });
  for (const [i, key] of (view.sort ?? '').split(',').filter(Boolean).entries()) {
    const name = key.replace(/^-/, '');
    if (!known(name))
      issues.push({
        pointer: '/sort',
        code: 'unknown_field',
        message: `sort key ${i + 1}: "${name}" is not a field`,
      });
  }
  if (view.filter !== undefined) issues.push(...checkFilter(view.filter, object, '/filter'));
  issues.push(...checkDisplay(view, object));
  return issues;
}

/** The roles a board's and a calendar's field must have (their types' `viewRole` in the registry). */
const DISPLAY_FIELD = {
  board: { key: 'groupBy', roles: ['group'], code: 'not_groupable', what: 'a picklist' },
  calendar: {
    key: 'field',
    roles: ['day', 'instant'],
    code: 'not_a_date',
    what: 'a date or date-time field',
  },
} as const;

/** A board names the picklist it groups by, a calendar the date it is laid out by; each only with its display. */
function checkDisplay(view: ListViewDocument, object: ObjectDocument): Issue[] {
  const issues: Issue[] = [];
  for (const display of ['board', 'calendar'] as const) {
    const rule = DISPLAY_FIELD[display];
    const settings = view[display] as Record<string, string> | undefined;
    if (!settings) {
      if (view.display === display)
        issues.push({
          pointer: `/${display}`,
          code: 'required',
          message: `a ${display} view names its field in "${display}.${rule.key}"`,
        });
      continue;
    }
    const at = `/${display}/${rule.key}`;
    const name = settings[rule.key] as string;
    const prop = propertyOf(object, name);
    const role = prop ? fieldTypeDef(prop['x-tessera'].field).viewRole : undefined;
    if (!prop)
      issues.push({
        pointer: at,
        code: 'unknown_field',
        message: `"${name}" is not a field of ${view.object}`,
      });
    else if (!(rule.roles as readonly string[]).includes(role ?? ''))
      issues.push({ pointer: at, code: rule.code, message: `"${name}" is not ${rule.what}` });
  }
  return issues;
}

const OPERATORS = new Set<string>(FILTER_OPERATORS);

/** The filter's structure, field names and operators (the operators each field's type takes). */
export function checkFilter(filter: unknown, object: ObjectDocument, at: string): Issue[] {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    return [{ pointer: at, code: 'bad_filter', message: 'a filter is a JSON object' }];
  return Object.entries(filter).flatMap(([key, value]): Issue[] => {
    const here = `${at}/${escapePointer(key)}`;
    if (key === 'and' || key === 'or')
      return Array.isArray(value)
        ? value.flatMap((part, i) => checkFilter(part, object, `${here}/${i}`))
        : [{ pointer: here, code: 'bad_filter', message: `${key} takes a list of filters` }];
    if (key === 'not') return checkFilter(value, object, here);
    const prop = propertyOf(object, key);
    if (!prop && !isSystemField(key))
      return [
        {
          pointer: here,
          code: 'unknown_field',
          message: `"${key}" is not a field of ${object['x-tessera'].apiName}`,
        },
      ];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return [
        { pointer: here, code: 'bad_filter', message: `a condition on "${key}" is an object of operators` },
      ];
    if (prop?.['x-tessera'].field === 'formula' && !storedFormulas(object).has(key))
      return [
        {
          pointer: here,
          code: 'not_filterable',
          message: `"${key}" is a formula computed when read: it cannot be filtered on`,
        },
      ];
    const def = prop ? fieldTypeDef(prop['x-tessera'].field) : undefined;
    const allowed = def ? (def.operatorsFor?.(prop as PropertyDocument) ?? def.operators) : FILTER_OPERATORS;
    return Object.keys(value).flatMap((op) =>
      !OPERATORS.has(op)
        ? [{ pointer: `${here}/${op}`, code: 'unknown_operator', message: `unknown operator "${op}"` }]
        : !allowed.includes(op as (typeof FILTER_OPERATORS)[number])
          ? [
              {
                pointer: `${here}/${op}`,
                code: 'operator_not_allowed',
                message: `"${op}" cannot be used on "${key}"`,
              },
            ]
          : [],
    );
  });
}
