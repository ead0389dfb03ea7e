/**
 * `GET /describe` and `GET /describe/{object}`: the objects as the caller may see them (their fields, labels,
 * picklists, what they may do, their layouts and list views), for forms and list views. The documents come from the caller's own model, so
 * an object or field they cannot read is simply not there.
 */
import { type Access, type CompiledObject, type DocumentSet, objectPackages } from '@tessera/engine';
import { Hono } from 'hono';
import { accessOf } from '../auth/authorize.js';
import type { AppEnv } from '../http/env.js';

const permissions = (access: Access, object: string) => ({
  read: access.can('read', object),
  create: access.can('create', object),
  edit: access.can('edit', object),
  delete: access.can('delete', object),
});

const summary = (access: Access, object: CompiledObject, documents: DocumentSet) => {
  const o = object.document['x-tessera'];
  // The app an object belongs to: the package that installed it (the studio groups its menu by app).
  const owner = objectPackages(documents).get(object.id);
  return {
    apiName: object.apiName,
    label: o.label ?? { en: object.document.title ?? object.apiName },
    ...(o.pluralLabel ? { pluralLabel: o.pluralLabel } : {}),
    nameField: o.nameField,
    permissions: permissions(access, object.apiName),
    ...(owner ? { app: { name: owner.apiName, label: owner.label ?? { en: owner.apiName } } } : {}),
  };
};

export function describeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const access = accessOf(c);
    const documents = c.get('workspace').model.documents;
    return c.json({ data: [...access.view.objects.values()].map((o) => summary(access, o, documents)) });
  });
  app.get('/:object', (c) => {
    const access = accessOf(c);
    const object = access.object(c.req.param('object'));
    const { layouts = [], listViews = [] } = access.view.documents;
    return c.json({
      data: {
        ...summary(access, object, c.get('workspace').model.documents),
        document: object.document,
        // The JSON Schemas the server checks writes with, so a form checks the same (the studio, with the same Ajv).
        schemas: { create: object.schemas.create, update: object.schemas.update },
        // As the caller may see them: without the fields they cannot read, read-only where they may only read.
        // Which fields can lay a list out as a board or a calendar (the field types' roles, from the registry).
        viewRoles: Object.fromEntries(
          [...object.fields.values()].flatMap((f) => (f.def.viewRole ? [[f.name, f.def.viewRole]] : [])),
        ),
        layouts: layouts.filter((l) => l.object === object.apiName),
        listViews: listViews.filter((v) => v.object === object.apiName),
      },
    });
  });
  return app;
}
