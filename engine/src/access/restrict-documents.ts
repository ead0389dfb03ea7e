/**
 * The documents as one grant sees them: objects it cannot read are gone, fields it cannot read are gone, and
 * fields it may only read are `readOnly`. Compiled, they give the user's own model, so every path that reads
 * the model (records, filters, sorts, expand, describe, OpenAPI) shows exactly what the user may see.
 */
import type { DocumentSet, ObjectDocument } from '../metadata/types.js';
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
  return { ...documents, objects };
}
