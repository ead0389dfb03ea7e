/**
 * crm-core's objects, each with the unique `sf_id` field the converted package adds: what the data loader
 * needs, without depending on the metadata converter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentSet, ObjectDocument } from '@tessera/engine';

const OBJECTS = fileURLToPath(new URL('../../../examples/crm-core/objects/', import.meta.url));

export function crmCoreWithSfId(): DocumentSet {
  const objects = readdirSync(OBJECTS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(OBJECTS, f), 'utf8')) as ObjectDocument);
  for (const doc of objects)
    doc.properties.sf_id = {
      type: 'string',
      maxLength: 18,
      'x-tessera': { field: 'text', unique: true, label: { en: 'Salesforce Id' } },
    };
  return { objects };
}
