/**
 * Record types → a `record_type` picklist (value: the record type's developer name) named as the object's
 * `recordTypeField`, so layouts can be chosen by it. Runs after fields are planned (the name is reserved
 * there, so formulas reading `RecordType.DeveloperName` translate).
 */
import { list, text } from '../read/xml.js';
import { type Conversion, convertedObjects } from './context.js';

export function convertRecordTypes(c: Conversion): void {
  for (const o of convertedObjects(c)) {
    const field = o.recordTypeField;
    const recordTypes = o.source?.recordTypes ?? [];
    if (!field || !recordTypes.length) continue;
    const options = recordTypes.map((rt) => {
      const value = text(rt, 'fullName') ?? '';
      return { value, label: { en: text(rt, 'label') ?? value } };
    });
    o.document.properties[field] = {
      type: 'string',
      enum: options.map((opt) => opt.value),
      title: 'Record Type',
      'x-tessera': { field: 'picklist', label: { en: 'Record Type' }, options },
    };
    o.document['x-tessera'].recordTypeField = field;
    o.fields.set('recordtypeid', {
      sf: 'RecordTypeId',
      name: field,
      origin: 'new',
      property: o.document.properties[field],
    });
    for (const rt of recordTypes) {
      const notes = [
        ...(list(rt.picklistValues).length ? ['the picklist values it allows are not restricted here'] : []),
        ...(text(rt, 'businessProcess')
          ? [`its business process ${text(rt, 'businessProcess')} is not kept`]
          : []),
        ...(text(rt, 'active') === 'false' ? ['inactive in Salesforce; an ordinary value here'] : []),
      ];
      const source = `${o.sf}.${text(rt, 'fullName')}`;
      const target = `${o.name}.${field}=${text(rt, 'fullName')}`;
      if (notes.length) c.report.approximated('record type', source, target, notes.join('; '));
      else c.report.mapped('record type', source, target);
    }
  }
}
