/**
 * The metadata API. Every change goes through the engine's deploy: validated, planned, applied
 * in one transaction as a new metadata version. `?dryRun=true` answers the plan and changes nothing;
 * `If-Match: "<version>"` makes the change conditional on the metadata version it was prepared against.
 */
import type { DocumentSet, ObjectDocument, PropertyDocument, Workspace } from '@tessera/engine';
import {
  followFieldChange,
  followObjectDeletion,
  mergeDocuments,
  NAMED_KINDS,
  TesseraError,
} from '@tessera/engine';
import { type Context, Hono } from 'hono';
import { requirePermission } from '../auth/authorize.js';
import { readJsonObject } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { badRequest } from '../http/http-error.js';
import { changeBody, deploy } from './meta-deploy.js';
import { namedDocumentRoutes } from './meta-named-documents.js';
import { packageRoutes } from './meta-packages.js';
import { trashRoutes } from './meta-trash.js';

const apiNameOf = (d: ObjectDocument) => d['x-tessera']?.apiName;

function findObject(ws: Workspace, name: string): ObjectDocument {
  const doc = ws.model.documents.objects.find((d) => apiNameOf(d) === name);
  if (!doc) throw new TesseraError('unknown_object', `there is no object "${name}"`);
  return doc;
}

/** A field of an object by the name a user typed: never `constructor` from Object.prototype. */
function findField(doc: ObjectDocument, name: string): PropertyDocument {
  const prop = Object.hasOwn(doc.properties, name) ? doc.properties[name] : undefined;
  if (!prop) throw new TesseraError('unknown_field', `"${name}" is not a field of ${apiNameOf(doc)}`);
  return prop;
}

interface FieldChange {
  apiName?: string;
  schema?: PropertyDocument;
  required?: boolean;
}

/** The body of a field's addition (`adding`: name and definition required) or change: each part well typed. */
async function readFieldChange(c: Context<AppEnv>, adding: boolean): Promise<FieldChange> {
  const { apiName, schema, required } = await readJsonObject(c);
  if (typeof apiName !== 'string' && (adding || apiName !== undefined))
    throw badRequest('bad_field', 'apiName (the field name) must be a string', 'apiName', '/apiName');
  const isObject = typeof schema === 'object' && schema !== null && !Array.isArray(schema);
  if (!isObject && (adding || schema !== undefined))
    throw badRequest('bad_field', 'schema (the property document) must be an object', 'schema', '/schema');
  if (typeof required !== 'boolean' && required !== undefined)
    throw badRequest('bad_field', 'required must be true or false', 'required', '/required');
  return { apiName, schema, required } as FieldChange;
}

function versionParam(c: Context<AppEnv>, name: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw badRequest('bad_parameter', `${name} must be a version number`, name);
  return Number(raw);
}

const withObjects = (current: DocumentSet, objects: readonly ObjectDocument[]) =>
  mergeDocuments(current, { objects: [...objects] });

export function metaRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    requirePermission(c, 'manageMetadata');
    await next();
  });

  app.get('/objects', (c) => {
    c.header('ETag', `"${c.get('workspace').model.version}"`);
    return c.json({ data: c.get('workspace').model.documents.objects });
  });

  app.get('/objects/:object', (c) => c.json({ data: findObject(c.get('workspace'), c.req.param('object')) }));

  app.put('/objects/:object', async (c) => {
    const name = c.req.param('object');
    const doc = (await readJsonObject(c)) as ObjectDocument;
    if (apiNameOf(doc) !== name)
      throw badRequest(
        'name_mismatch',
        `x-tessera.apiName must be "${name}", as in the URL`,
        'apiName',
        '/x-tessera/apiName',
      );
    const ws = c.get('workspace');
    const existed = ws.model.objects.has(name);
    const result = await deploy(
      c,
      withObjects(ws.model.documents, [doc]),
      `${existed ? 'Change' : 'Create'} object ${name}`,
    );
    const stored = result.documents.objects.find((d) => apiNameOf(d) === name);
    return c.json(changeBody(result, stored), existed || !result.applied ? 200 : 201);
  });

  app.delete('/objects/:object', async (c) => {
    const name = c.req.param('object');
    const ws = c.get('workspace');
    findObject(ws, name);
    const documents = followObjectDeletion(
      { ...ws.model.documents, objects: ws.model.documents.objects.filter((d) => apiNameOf(d) !== name) },
      name,
    );
    return c.json(changeBody(await deploy(c, documents, `Delete object ${name}`), null));
  });

  app.post('/objects/:object/fields', async (c) => {
    const { apiName, schema, required } = (await readFieldChange(c, true)) as Required<FieldChange>;
    const doc = structuredClone(findObject(c.get('workspace'), c.req.param('object')));
    if (Object.hasOwn(doc.properties, apiName))
      throw badRequest(
        'field_exists',
        `"${apiName}" is already a field of ${apiNameOf(doc)}`,
        'apiName',
        '/apiName',
      );
    // A computed key makes an own property even of `__proto__` (then refused as a name, like any bad one).
    doc.properties = { ...doc.properties, [apiName]: schema };
    if (required === true) doc.required = [...(doc.required ?? []), apiName];
    const ws = c.get('workspace');
    const result = await deploy(
      c,
      withObjects(ws.model.documents, [doc]),
      `Add field ${apiNameOf(doc)}.${apiName}`,
    );
    const stored = result.documents.objects.find((d) => apiNameOf(d) === apiNameOf(doc));
    return c.json(changeBody(result, stored?.properties[apiName]), result.applied ? 201 : 200);
  });

  app.patch('/objects/:object/fields/:field', async (c) => {
    const field = c.req.param('field');
    const { apiName, schema, required } = await readFieldChange(c, false);
    const doc = structuredClone(findObject(c.get('workspace'), c.req.param('object')));
    const current = findField(doc, field);
    const next = schema === undefined ? current : { ...schema };
    // The stable id follows the field, so a rename or a type change keeps its data.
    next['x-tessera'] = {
      ...next['x-tessera'],
      id: current['x-tessera'].id,
    } as PropertyDocument['x-tessera'];
    const name = apiName ?? field;
    // The field keeps its place among the object's fields (forms and default layouts follow that order).
    doc.properties = Object.fromEntries(
      Object.entries(doc.properties).map(([key, prop]) => (key === field ? [name, next] : [key, prop])),
    );
    let requiredList = (doc.required ?? []).map((r) => (r === field ? name : r));
    if (required === true && !requiredList.includes(name)) requiredList.push(name);
    if (required === false) requiredList = requiredList.filter((r) => r !== name);
    doc.required = requiredList;
    const ws = c.get('workspace');
    const documents = withObjects(ws.model.documents, [doc]);
    const result = await deploy(
      c,
      name === field ? documents : followFieldChange(documents, { object: apiNameOf(doc), field, to: name }),
      `Change field ${apiNameOf(doc)}.${field}`,
    );
    const stored = result.documents.objects.find((d) => apiNameOf(d) === apiNameOf(doc));
    return c.json(changeBody(result, stored?.properties[name]));
  });

  app.delete('/objects/:object/fields/:field', async (c) => {
    const field = c.req.param('field');
    const doc = structuredClone(findObject(c.get('workspace'), c.req.param('object')));
    findField(doc, field);
    delete doc.properties[field];
    doc.required = (doc.required ?? []).filter((r) => r !== field);
    const ws = c.get('workspace');
    const documents = followFieldChange(withObjects(ws.model.documents, [doc]), {
      object: apiNameOf(doc),
      field,
      to: null,
    });
    return c.json(changeBody(await deploy(c, documents, `Delete field ${apiNameOf(doc)}.${field}`), null));
  });

  app.post('/deploy', async (c) => {
    const body = await readJsonObject(c);
    const incoming: Partial<DocumentSet> = {};
    const keys = ['objects', ...NAMED_KINDS.map((k) => k.key)] as const;
    for (const key of keys) {
      if (body[key] === undefined) continue;
      if (!Array.isArray(body[key]))
        throw badRequest('bad_package', `${key} must be a list of documents`, key, `/${key}`);
      incoming[key] = body[key] as never;
    }
    if (Object.keys(incoming).length === 0)
      throw badRequest('bad_package', `a package has ${keys.join(', ')}`, 'objects', '/objects');
    const ws = c.get('workspace');
    const result = await deploy(c, mergeDocuments(ws.model.documents, incoming), 'Deploy package');
    return c.json(changeBody(result, null));
  });

  app.get('/versions', async (c) => c.json({ data: await c.get('workspace').history() }));

  /** What changed between two versions, document by document and value by value. */
  app.get('/versions/:from/diff/:to', async (c) =>
    c.json({ data: await c.get('workspace').diff(versionParam(c, 'from'), versionParam(c, 'to')) }),
  );

  /** The documents of an earlier version made current again, as a new version (`?dryRun=true`: the plan). */
  app.post('/versions/:version/restore', async (c) => {
    const version = versionParam(c, 'version');
    const documents = await c.get('workspace').documentsToRestore(version);
    return c.json(changeBody(await deploy(c, documents, `Restore version ${version}`), null));
  });

  for (const kind of NAMED_KINDS) app.route(`/${kind.route}`, namedDocumentRoutes(kind));
  app.route('/packages', packageRoutes());
  app.route('/trash', trashRoutes());

  return app;
}
