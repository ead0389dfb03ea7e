/**
 * Roll-up summary fields (`Summary`): count/sum/min/max over a master-detail child, with its filter. Converted
 * after every other field, since they read the child's master-detail and summarized field.
 */
import { list, text, type Xml } from '../read/xml.js';
import {
  type Conversion,
  type PlannedObject,
  plannedField,
  plannedObject,
  propertyOfField,
} from './context.js';
import { type FieldResult, property } from './field-result.js';
import { condition } from './filters.js';

const FUNCTIONS: Record<string, 'count' | 'sum' | 'min' | 'max'> = {
  count: 'count',
  sum: 'sum',
  min: 'min',
  max: 'max',
};
const NUMERIC = new Set(['integer', 'number', 'currency', 'percent']);

export function convertRollup(c: Conversion, object: PlannedObject, xml: Xml, label: string): FieldResult {
  const fn = FUNCTIONS[text(xml, 'summaryOperation') ?? ''];
  if (!fn) return { skip: `roll-up operation ${text(xml, 'summaryOperation')} has no counterpart` };
  const [childSf, linkSf] = (text(xml, 'summaryForeignKey') ?? '').split('.');
  const child = childSf ? plannedObject(c, childSf) : undefined;
  if (!child || !linkSf) return { skip: `its child object ${childSf ?? '?'} was not converted` };
  const link = plannedField(child, linkSf);
  const linkProp = link && propertyOfField(child, link);
  if (linkProp?.['x-tessera'].field !== 'master_detail' || linkProp['x-tessera'].target !== object.name)
    return { skip: `${childSf}.${linkSf} was not converted to a master-detail onto ${object.sf}` };
  const options: Record<string, unknown> = { summarizedObject: child.name, function: fn };
  let summarizedType = 'count';
  if (fn !== 'count') {
    const sfField = (text(xml, 'summarizedField') ?? '').split('.').pop() ?? '';
    const field = plannedField(child, sfField);
    const prop = field && propertyOfField(child, field);
    const kind =
      prop?.['x-tessera'].field === 'formula' ? prop['x-tessera'].returns : prop?.['x-tessera'].field;
    if (!field || !prop || !NUMERIC.has(kind ?? ''))
      return { skip: `${fn} of ${childSf}.${sfField}: Tessera sums up numeric fields only` };
    options.summarizedField = field.name;
    options.scale = prop['x-tessera'].scale ?? (kind === 'integer' ? 0 : 2);
    summarizedType = kind ?? 'number';
  }
  const conditions = [];
  for (const item of list(xml.summaryFilterItems)) {
    const sfField = (text(item, 'field') ?? '').split('.').pop() ?? '';
    const cond = condition(child, sfField, text(item, 'operation') ?? '', text(item, 'value'));
    if ('problem' in cond) return { skip: `its filter cannot be converted: ${cond.problem}` };
    conditions.push(cond.filter);
  }
  if (text(xml, 'summaryFilterItems') === undefined && xml.booleanFilter)
    return { skip: 'its filter logic cannot be converted' };
  if (conditions.length) options.filter = conditions.length === 1 ? conditions[0] : { and: conditions };
  const jsonType = fn === 'count' || summarizedType === 'integer' ? 'integer' : 'number';
  return {
    property: {
      ...property(xml, label, { type: jsonType }, { field: 'rollup', ...options }),
      readOnly: true,
    },
  };
}
