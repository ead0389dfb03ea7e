/**
 * What of an earlier version's objects and fields was purged since. A deleted object or field always goes to
 * the trash and leaves it only by a restore (then it is current again) or a purge; so an id of that version
 * that is neither current nor in the trash (nor inside a trashed object's definition) was purged, and its
 * data is gone. Restoring that version would bring it back empty under the old id, as if nothing was lost.
 */
import { objectDocId } from '../metadata/document-kinds.js';
import type { DocumentSet, ObjectDocument } from '../metadata/types.js';
import type { TrashRow } from '../store/system-tables.js';

export interface PurgedPart {
  kind: 'object' | 'field';
  id: string;
  /** The object's API name in the version, and for a field its API name there. */
  object: string;
  field?: string;
}

function idsOf(doc: ObjectDocument): string[] {
  return [objectDocId(doc), ...Object.values(doc.properties ?? {}).map((p) => p['x-tessera']?.id ?? '')];
}

export function purgedParts(
  version: DocumentSet,
  current: DocumentSet,
  trash: readonly TrashRow[],
): PurgedPart[] {
  const known = new Set<string>(current.objects.flatMap(idsOf));
  for (const entry of trash) {
    known.add(entry.entity_id);
    if (entry.kind === 'object') for (const id of idsOf(JSON.parse(entry.definition))) known.add(id);
  }
  const purged: PurgedPart[] = [];
  for (const doc of version.objects) {
    const object = doc['x-tessera'].apiName;
    if (!known.has(objectDocId(doc))) {
      purged.push({ kind: 'object', id: objectDocId(doc), object });
      continue;
    }
    for (const [field, prop] of Object.entries(doc.properties ?? {})) {
      const id = prop['x-tessera']?.id;
      if (id && !known.has(id)) purged.push({ kind: 'field', id, object, field });
    }
  }
  return purged;
}
