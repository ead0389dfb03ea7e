/**
 * `/meta/roles`, `/meta/permission-sets`, `/meta/validation-rules`, `/meta/duplicate-rules`, `/meta/layouts`,
 * `/meta/list-views` and `/meta/automations` (every kind of `NAMED_KINDS`): documents known by their API name,
 * read and changed one at a time. Each change is a deploy of the whole set with that document replaced, added or
 * removed, so it is validated and versioned like any object change.
 */
import type { DocumentSet, NamedDocument, NamedKind } from '@tessera/engine';
import { mergeDocuments, namedDocuments, TesseraError } from '@tessera/engine';
import { Hono } from 'hono';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { badRequest } from '../http/http-error.js';
import { changeBody, deploy } from './meta-deploy.js';

export function namedDocumentRoutes({ key, label }: NamedKind): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const all = (documents: DocumentSet): readonly NamedDocument[] => namedDocuments(documents, key);
  const find = (documents: DocumentSet, name: string) => {
    const doc = all(documents).find((d) => d.apiName === name);
    if (!doc) throw new TesseraError('unknown_document', `there is no ${label} "${name}"`);
    return doc;
  };

  app.get('/', (c) => c.json({ data: all(c.get('workspace').model.documents) }));

  app.get('/:name', (c) => c.json({ data: find(c.get('workspace').model.documents, c.req.param('name')) }));

  app.put('/:name', async (c) => {
    const name = c.req.param('name');
    const doc = (await readJsonObject(c)) as unknown as NamedDocument;
    if (doc.apiName !== name)
      throw badRequest('name_mismatch', `apiName must be "${name}", as in the URL`, 'apiName', '/apiName');
    const current = c.get('workspace').model.documents;
    const existed = all(current).some((d) => d.apiName === name);
    const result = await deploy(
      c,
      mergeDocuments(current, { [key]: [doc] }),
      `${existed ? 'Change' : 'Create'} ${label} ${name}`,
    );
    return c.json(changeBody(result, doc), existed || !result.applied ? 200 : 201);
  });

  app.delete('/:name', async (c) => {
    const name = c.req.param('name');
    const current = c.get('workspace').model.documents;
    find(current, name);
    const documents = { ...current, [key]: all(current).filter((d) => d.apiName !== name) };
    return c.json(changeBody(await deploy(c, documents, `Delete ${label} ${name}`), null));
  });

  return app;
}
