/**
 * The layout of a record for a user: the first (by API name) whose roles include the user's (or has none) and
 * whose record types include the record's (or has none). Without any, every field in one two-column section.
 */
import type { LayoutDocument, ObjectDocument } from '../api/types.js';

export function chooseLayout(
  object: ObjectDocument,
  layouts: readonly LayoutDocument[],
  role: string | null,
  record: Record<string, unknown> | undefined,
): LayoutDocument {
  const typeField = object['x-tessera'].recordTypeField;
  const type = typeField && record ? record[typeField] : undefined;
  const fits = (l: LayoutDocument) =>
    (!l.roles?.length || (role !== null && l.roles.includes(role))) &&
    (!l.recordTypes?.length || (typeof type === 'string' && l.recordTypes.includes(type)));
  const chosen = [...layouts].sort((a, b) => a.apiName.localeCompare(b.apiName)).find(fits);
  if (chosen) return chosen;
  const fields = Object.keys(object.properties);
  return {
    kind: 'layout',
    apiName: '_default',
    object: object['x-tessera'].apiName,
    sections: [{ id: 'main', columns: 2, items: fields.map((field, i) => ({ field, column: (i % 2) + 1 })) }],
  };
}
