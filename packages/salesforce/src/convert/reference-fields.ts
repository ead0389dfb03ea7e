/**
 * Lookups, master-details and hierarchy fields. A link to a converted object becomes a lookup (with its delete
 * behaviour) or a master-detail; a link to a user becomes a `user` field; a link to something not converted
 * keeps the Salesforce Id as text, so the data is not lost.
 */
import { USER_OBJECTS } from '../names.js';
import { text, type Xml } from '../read/xml.js';
import { type Conversion, plannedObject } from './context.js';
import { type FieldResult, property } from './field-result.js';
import { referenceTargets } from './objects.js';

const DELETE_BEHAVIOUR: Record<string, { onDelete: 'setNull' | 'restrict'; note?: string }> = {
  SetNull: { onDelete: 'setNull' },
  Restrict: { onDelete: 'restrict' },
  Cascade: {
    onDelete: 'restrict',
    note: 'deleting the parent cascaded in Salesforce; here a linked record stops the delete (make it a master-detail to cascade)',
  },
};

function idText(xml: Xml, label: string, targets: string[]): FieldResult {
  return {
    property: property(xml, label, { type: 'string', maxLength: 18 }, { field: 'text' }),
    note: `keeps the Salesforce Id of a ${targets.join('/')} record as text: that object is not converted`,
  };
}

export function convertReference(c: Conversion, xml: Xml, label: string, type: string): FieldResult {
  const targets = type === 'Hierarchy' ? ['User'] : referenceTargets(xml);
  if (!targets.length) return { skip: 'a relationship without referenceTo' };
  if (targets.every((t) => USER_OBJECTS.has(t)) && targets.includes('User'))
    return {
      property: property(xml, label, { type: 'string', format: 'uuid' }, { field: 'user' }),
      references: ['User'],
      ...(targets.length > 1
        ? { note: `a user field (it could also name a ${targets.filter((t) => t !== 'User').join('/')})` }
        : {}),
    };
  const converted = targets.filter((t) => plannedObject(c, t));
  const target = converted[0] ? plannedObject(c, converted[0]) : undefined;
  if (!target) return idText(xml, label, targets);
  const polymorphic =
    targets.length > 1
      ? `points at ${targets.join(' or ')} in Salesforce; here at ${converted[0]} only`
      : undefined;
  const filter = xml.lookupFilter ? 'its lookup filter is not kept' : undefined;
  if (type === 'MasterDetail')
    return {
      property: property(
        xml,
        label,
        { type: 'string', format: 'uuid' },
        { field: 'master_detail', target: target.name },
      ),
      required: true,
      references: [converted[0] as string],
      ...(filter ? { note: filter } : {}),
    };
  const behaviour = DELETE_BEHAVIOUR[text(xml, 'deleteConstraint') ?? 'SetNull'] ?? {
    onDelete: 'setNull' as const,
  };
  const notes = [polymorphic, behaviour.note, filter].filter(Boolean);
  return {
    property: property(
      xml,
      label,
      { type: 'string', format: 'uuid' },
      { field: 'lookup', target: target.name, onDelete: behaviour.onDelete },
    ),
    references: [converted[0] as string],
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}
