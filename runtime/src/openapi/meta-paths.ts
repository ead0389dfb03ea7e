/** The metadata API's paths. Bodies are object documents, described by the published meta-schema. */
import { type ProblemStatus, problemResponse } from './components.js';

const errors = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), problemResponse(s)]));

const doc = { $ref: '#/components/schemas/ObjectDocument' };
const change = {
  description: 'The change: data, and meta { version, applied, plan }',
  content: { 'application/json': { schema: { type: 'object' } } },
};
const dryRun = {
  name: 'dryRun',
  in: 'query',
  description: 'Answer the plan; change nothing',
  schema: { type: 'boolean' },
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  description: 'The metadata version the change was prepared against, e.g. "12"',
  schema: { type: 'string' },
};
const objectParam = { name: 'object', in: 'path', required: true, schema: { type: 'string' } };
const fieldParam = { name: 'field', in: 'path', required: true, schema: { type: 'string' } };
const versionParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 0 },
});
const writeErrors = errors(400, 401, 403, 404, 409, 415, 422);
/** The body of a field's addition or change: its API name, its property document, whether it is required. */
const FIELD_CHANGE = {
  apiName: { type: 'string' },
  schema: { type: 'object' },
  required: { type: 'boolean' },
};
const jsonBody = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const purged = jsonBody(
  'data: the trash entries purged (an object with its deleted fields); meta { version, applied }',
);
const op = (operationId: string, summary: string, extra: object) => ({
  operationId,
  tags: ['meta'],
  summary,
  ...extra,
});

export function metaPaths() {
  return {
    '/api/v1/meta/objects': {
      get: op('listObjects', 'All object definitions', {
        responses: {
          200: {
            description: 'The definitions',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          ...errors(401, 403),
        },
      }),
    },
    '/api/v1/meta/objects/{object}': {
      parameters: [objectParam],
      get: op('getObject', 'One object definition', {
        responses: {
          200: {
            description: 'The definition',
            content: { 'application/json': { schema: { type: 'object', properties: { data: doc } } } },
          },
          ...errors(401, 403, 404),
        },
      }),
      put: op('putObject', 'Create or change an object, migrating its table', {
        parameters: [dryRun, ifMatch],
        requestBody: { required: true, content: { 'application/json': { schema: doc } } },
        responses: { 200: change, 201: change, ...writeErrors },
      }),
      delete: op('deleteObject', 'Delete an object (soft: restorable with its records)', {
        parameters: [dryRun, ifMatch],
        responses: { 200: change, ...errors(401, 403, 404, 409) },
      }),
    },
    '/api/v1/meta/objects/{object}/fields': {
      parameters: [objectParam],
      post: op('addField', 'Add a field', {
        parameters: [dryRun, ifMatch],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: FIELD_CHANGE,
                required: ['apiName', 'schema'],
              },
              example: {
                apiName: 'warranty_end',
                schema: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
              },
            },
          },
        },
        responses: { 200: change, 201: change, ...writeErrors },
      }),
    },
    '/api/v1/meta/objects/{object}/fields/{field}': {
      parameters: [objectParam, fieldParam],
      patch: op('changeField', 'Rename a field, change its type or rules (data is checked and kept)', {
        parameters: [dryRun, ifMatch],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: FIELD_CHANGE,
              },
            },
          },
        },
        responses: { 200: change, ...writeErrors },
      }),
      delete: op('deleteField', 'Delete a field (soft: restorable with its values)', {
        parameters: [dryRun, ifMatch],
        responses: { 200: change, ...errors(401, 403, 404, 409) },
      }),
    },
    '/api/v1/meta/deploy': {
      post: op('deploy', 'Deploy a package of object definitions', {
        parameters: [dryRun, ifMatch],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description:
                  'Documents to add or replace, by kind: objects, roles, permissionSets, validationRules, duplicateRules, layouts, listViews',
                properties: { objects: { type: 'array', items: doc } },
                additionalProperties: { type: 'array' },
              },
            },
          },
        },
        responses: { 200: change, ...writeErrors },
      }),
    },
    '/api/v1/meta/versions': {
      get: op('listVersions', 'Metadata versions: who, when, what changed', {
        responses: {
          200: {
            description: 'Newest first',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          ...errors(401, 403),
        },
      }),
    },
    '/api/v1/meta/versions/{from}/diff/{to}': {
      parameters: [versionParam('from'), versionParam('to')],
      get: op('diffVersions', 'What changed between two versions, per document and value', {
        responses: {
          200: {
            description: 'Changed documents: kind, name, change, and each value (pointer, before, after)',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          ...errors(400, 401, 403, 404),
        },
      }),
    },
    '/api/v1/meta/packages': {
      get: op('listPackages', 'Installed packages and the documents each owns', {
        responses: {
          200: jsonBody('name, version, label, dependencies, owns per package'),
          ...errors(401, 403),
        },
      }),
      post: op('installPackage', 'Install a package, or upgrade the installed one to this version', {
        parameters: [dryRun, ifMatch],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['manifest'],
                properties: {
                  manifest: { type: 'object', description: 'tessera.package.json' },
                  documents: { type: 'object', description: 'objects, layouts, … as in POST /meta/deploy' },
                  data: {
                    type: 'array',
                    description:
                      'Seed CSV files (data/<object>.csv), loaded on first install (and, on a dry run, loaded and rolled back: every bad row is reported at once)',
                    items: {
                      type: 'object',
                      required: ['file', 'text'],
                      properties: { file: { type: 'string' }, text: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          200: jsonBody('Upgraded, reinstalled or planned: action, plan, kept customizations'),
          201: jsonBody('Installed: action, plan, records seeded per file'),
          ...writeErrors,
        },
      }),
    },
    '/api/v1/meta/packages/{name}': {
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      get: op('getPackage', 'An installed package and the documents it owns', {
        responses: { 200: jsonBody('The package'), ...errors(401, 403, 404) },
      }),
      delete: op('uninstallPackage', 'Uninstall a package (its objects go to the trash with their records)', {
        parameters: [
          dryRun,
          ifMatch,
          {
            name: 'force',
            in: 'query',
            description: 'Uninstall although its objects have records',
            schema: { type: 'boolean' },
          },
        ],
        responses: {
          200: jsonBody('The plan and the records moved to the trash'),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      }),
    },
    '/api/v1/meta/versions/{version}/restore': {
      parameters: [versionParam('version')],
      post: op('restoreVersion', "Make an earlier version's documents current, as a new version", {
        parameters: [dryRun, ifMatch],
        responses: { 200: change, ...errors(400, 401, 403, 404, 409, 422) },
      }),
    },
    '/api/v1/meta/trash': {
      get: op('listTrash', 'Deleted objects and fields, restorable until purged (workspace admins)', {
        responses: {
          200: jsonBody('kind, id, objectId, apiName, deletedVersion, deletedAt per entry'),
          ...errors(401, 403),
        },
      }),
    },
    '/api/v1/meta/trash/objects/{object}': {
      parameters: [
        { ...objectParam, description: 'The deleted object: API name (its latest deletion) or id' },
      ],
      delete: op('purgeObject', 'Drop a deleted object and its records for good (workspace admins)', {
        parameters: [{ ...dryRun, description: 'Answer what would be purged; change nothing' }],
        responses: { 200: purged, ...errors(401, 403, 404) },
      }),
    },
    '/api/v1/meta/trash/objects/{object}/fields/{field}': {
      parameters: [objectParam, { ...fieldParam, description: 'The deleted field: API name or id' }],
      delete: op('purgeField', "Drop a deleted field's values for good (workspace admins)", {
        parameters: [{ ...dryRun, description: 'Answer what would be purged; change nothing' }],
        responses: { 200: purged, ...errors(401, 403, 404) },
      }),
    },
  };
}
