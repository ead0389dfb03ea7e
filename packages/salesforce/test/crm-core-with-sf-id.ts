/**
 * crm-core's objects, each with the unique `sf_id` field the converted package adds: what the data loader
 * needs, without depending on the metadata converter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DocumentSet,
  installPackage,
  type ObjectDocument,
  type PropertyDocument,
  type Workspace,
} from '@tessera/engine';
import { readBasePackage } from '../src/base-package.js';

const SF_ID: PropertyDocument = {
  type: 'string',
  maxLength: 18,
  'x-tessera': { field: 'text', unique: true, label: { en: 'Salesforce Id' } },
};

const OBJECTS = fileURLToPath(new URL('../../../examples/crm-core/objects/', import.meta.url));

export function crmCoreWithSfId(): DocumentSet {
  const objects = readdirSync(OBJECTS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(OBJECTS, f), 'utf8')) as ObjectDocument);
  for (const doc of objects) doc.properties.sf_id = structuredClone(SF_ID);
  return { objects };
}

/**
 * crm-core installed as a package (with its rules), then a package that depends on it and adds the unique `sf_id`
 * to each of its objects (as a converted package does): the workspace a Salesforce migration loads into.
 */
export async function installCrmCoreWithSfIds(ws: Workspace): Promise<void> {
  const base = await readBasePackage();
  await installPackage(ws, {
    manifest: { name: base.name, version: base.version },
    documents: base.documents,
  });
  await installPackage(ws, {
    manifest: { name: 'sf-ids', version: '1.0.0', dependencies: { [base.name]: base.version } },
    documents: {},
    extensions: base.documents.objects.map((o) => ({
      object: o['x-tessera'].apiName,
      properties: { sf_id: SF_ID },
    })),
  });
}
