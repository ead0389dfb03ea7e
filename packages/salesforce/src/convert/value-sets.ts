/**
 * Global and standard value sets, reported: a global set lives on in every picklist that uses it (picklists.ts
 * copies its values); a standard set belongs to a standard picklist, which crm-core defines with its own values.
 */
import { list, text } from '../read/xml.js';
import { type Conversion, convertedObjects, plannedField, propertyOfField } from './context.js';
import { globalValueSetOf } from './picklists.js';

/** Standard value sets → the standard field that uses them (Salesforce's names). */
const STANDARD_VALUE_SET_FIELDS: Record<string, [string, string][]> = {
  AccountType: [['Account', 'Type']],
  Industry: [
    ['Account', 'Industry'],
    ['Lead', 'Industry'],
  ],
  AccountRating: [['Account', 'Rating']],
  LeadSource: [
    ['Lead', 'LeadSource'],
    ['Opportunity', 'LeadSource'],
  ],
  LeadStatus: [['Lead', 'Status']],
  OpportunityStage: [['Opportunity', 'StageName']],
  OpportunityType: [['Opportunity', 'Type']],
  TaskStatus: [['Task', 'Status']],
  TaskPriority: [['Task', 'Priority']],
  TaskType: [['Task', 'Type']],
  Product2Family: [['Product2', 'Family']],
  QuantityUnitOfMeasure: [['Product2', 'QuantityUnitOfMeasure']],
};

export function reportValueSets(c: Conversion): void {
  for (const name of [...c.project.globalValueSets.keys()].sort()) {
    const users = convertedObjects(c).flatMap((o) =>
      Object.entries(o.document.properties)
        .filter(([, p]) => globalValueSetOf.get(p) === name)
        .map(([f]) => `${o.name}.${f}`),
    );
    if (users.length)
      c.report.mapped('value set', name, users.join(', '), 'values copied into each picklist');
    else c.report.skipped('value set', name, 'no converted picklist uses it');
  }
  for (const [name, xml] of [...c.project.standardValueSets].sort(([a], [b]) => a.localeCompare(b))) {
    const targets = (STANDARD_VALUE_SET_FIELDS[name] ?? []).flatMap(([objectSf, fieldSf]) => {
      const o = c.objects.get(objectSf);
      const f = o && plannedField(o, fieldSf);
      const prop = o && f ? propertyOfField(o, f) : undefined;
      return o && f && prop
        ? [{ target: `${o.name}.${f.name}`, options: prop['x-tessera'].options ?? [] }]
        : [];
    });
    if (!targets.length) {
      c.report.skipped('value set', name, 'its standard picklist is not converted');
      continue;
    }
    const values = list(xml.standardValue).map((v) => text(v, 'fullName') ?? '');
    const missing = values.filter(
      (v) =>
        !targets[0]?.options.some(
          (o) => o.value.toLowerCase() === v.toLowerCase() || o.label?.en?.toLowerCase() === v.toLowerCase(),
        ),
    );
    c.report.approximated(
      'value set',
      name,
      targets.map((t) => t.target).join(', '),
      missing.length
        ? `crm-core's values are kept; Salesforce values without a counterpart: ${missing.join(', ')}`
        : "crm-core's values are kept; every Salesforce value has a counterpart",
    );
  }
}
