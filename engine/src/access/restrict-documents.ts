/**
 * The documents as one grant sees them: objects it cannot read are gone, fields it cannot read are gone, and
 * fields it may only read are `readOnly`. Compiled, they give the user's own model, so every path that reads
 * the model (records, filters, sorts, expand, describe, OpenAPI) shows exactly what the user may see. Layouts
 * and list views lose the same objects and fields (as if those were deleted), and place read-only fields
 * read-only, so a form never offers what the user may not see or change.
 */
import type { DocumentSet, LayoutDocument, ObjectDocument } from '../metadata/types.js';
import { followFieldChange, followObjectDeletion } from '../metadata/view-references.js';
import type { Grant } from './grant.js';

export function restrictDocuments(documents: DocumentSet, grant: Grant): DocumentSet {
  const objects: ObjectDocument[] = [];
  for (const doc of documents.objects) {
    const access = grant.objects.get(doc['x-tessera'].apiName);
    if (!access) continue;
    if (!access.restricted) {
      objects.push(doc);
      continue;
    }
    const properties: ObjectDocument['properties'] = {};
    for (const [name, prop] of Object.entries(doc.properties)) {
      const field = access.fields.get(name);
      if (field) properties[name] = field === 'read' ? { ...prop, readOnly: true } : prop;
    }
    const required = (doc.required ?? []).filter((name) => access.fields.has(name));
    const restricted: ObjectDocument = { ...doc, properties };
    if (doc.required) restricted.required = required;
    objects.push(restricted);
  }
  return restrictViews({ ...documents, objects }, documents, grant);
}

function restrictViews(restricted: DocumentSet, documents: DocumentSet, grant: Grant): DocumentSet {
  if (!documents.layouts && !documents.listViews) return restricted;
  let out = restricted;
  for (const doc of documents.objects) {
    const object = doc['x-tessera'].apiName;
    const access = grant.objects.get(object);
    if (!access) out = followObjectDeletion(out, object);
    else if (access.restricted)
      for (const field of Object.keys(doc.properties))
        if (!access.fields.has(field)) out = followFieldChange(out, { object, field, to: null });
  }
  if (!out.layouts) return out;
  const readOnly = (object: string, field: string) => grant.objects.get(object)?.fields.get(field) === 'read';
  return {
    ...out,
    layouts: out.layouts.map(
      (layout): LayoutDocument => ({
        ...layout,
        sections: layout.sections.map((section) => ({
          ...section,
          items: section.items.map((item) =>
            grant.objects.get(layout.object)?.restricted && readOnly(layout.object, item.field)
              ? { ...item, readOnly: true }
              : item,
          ),
        })),
      }),
    ),
  };
}
