/** The data API's paths for one object, with its record schemas and examples. */
import type { CompiledObject } from '@tessera/engine';
import { BULK_LIMIT, localize } from '@tessera/engine';
import { type ProblemStatus, problemResponse } from './components.js';
import { createExample } from './examples.js';

const pascal = (apiName: string) =>
  apiName.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const errors = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), problemResponse(s)]));

const json = (schema: object, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
});

export function objectSchemas(object: CompiledObject) {
  const name = pascal(object.apiName);
  return {
    [name]: object.schemas.record,
    [`${name}Create`]: object.schemas.create,
    [`${name}Update`]: object.schemas.update,
  };
}

export function objectPaths(object: CompiledObject) {
  const name = pascal(object.apiName);
  const ref = (suffix = '') => ({ $ref: `#/components/schemas/${name}${suffix}` });
  const tag = object.apiName;
  const links = [...object.fields.values()].filter((f) => f.reference !== undefined);
  const unique = [...object.fields.values()].filter((f) => f.unique).map((f) => f.name);
  const example = createExample(object);
  const one = json({ type: 'object', properties: { data: ref() }, required: ['data'] });
  const page = json({
    type: 'object',
    properties: { data: { type: 'array', items: ref() }, page: { $ref: '#/components/schemas/Page' } },
    required: ['data', 'page'],
  });
  const listParameters = [
    {
      name: 'filter',
      in: 'query',
      description:
        'JSON filter, URL-encoded: {"status": {"eq": "active"}}; on a user field, "me" stands for the caller',
      schema: { type: 'string' },
    },
    {
      name: 'sort',
      in: 'query',
      description: 'Fields, `-` for descending: -created_at,name',
      schema: { type: 'string' },
    },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    {
      name: 'cursor',
      in: 'query',
      description: 'page.nextCursor of the previous page',
      schema: { type: 'string' },
    },
    {
      name: 'fields',
      in: 'query',
      description: 'Comma-separated fields to return',
      schema: { type: 'string' },
    },
    ...(links.length
      ? [
          {
            name: 'expand',
            in: 'query',
            description:
              'Lookup, master-detail and user fields to return inline under _expanded (a user as {id, name, email, active})',
            schema: { type: 'string', enum: links.map((f) => f.name) },
          },
        ]
      : []),
    { name: 'count', in: 'query', description: 'Add page.total', schema: { type: 'boolean' } },
  ];
  const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const etag = { ETag: { description: 'The record version, for If-Match', schema: { type: 'string' } } };
  const base = `/api/v1/data/${object.apiName}`;
  return {
    [base]: {
      get: {
        operationId: `list${name}`,
        tags: [tag],
        summary: `List ${object.apiName} records`,
        parameters: listParameters,
        responses: {
          200: { description: 'A page of records', content: page },
          ...errors(400, 401, 403, 404),
        },
      },
      post: {
        operationId: `create${name}`,
        tags: [tag],
        summary: `Create one ${object.apiName} record`,
        requestBody: { required: true, content: json(ref('Create'), example) },
        responses: {
          201: { description: 'Created', headers: etag, content: one },
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    [`${base}/query`]: {
      post: {
        operationId: `query${name}`,
        tags: [tag],
        summary: `List ${object.apiName} records, the query in the body`,
        requestBody: {
          required: true,
          content: json(
            {
              type: 'object',
              properties: {
                filter: { type: 'object' },
                sort: { type: 'string' },
                limit: { type: 'integer', minimum: 1, maximum: 500 },
                cursor: { type: 'string' },
                fields: { type: 'array', items: { type: 'string' } },
                expand: { type: 'array', items: { type: 'string' } },
                count: { type: 'boolean' },
              },
              additionalProperties: false,
            },
            { filter: { created_at: { gte: '2026-01-01T00:00:00Z' } }, sort: '-created_at', limit: 20 },
          ),
        },
        responses: {
          200: { description: 'A page of records', content: page },
          ...errors(400, 401, 403, 404, 415),
        },
      },
    },
    [`${base}/export`]: {
      get: {
        operationId: `export${name}`,
        tags: [tag],
        summary: `Every ${object.apiName} record the query matches, as a CSV or XLSX file`,
        description:
          'Streams every record you may read (fields you may not read left out): `id` first, then a column per field; a lookup as `<field>` (the linked record’s name, a user’s e-mail) and `<field>.id`. Cells starting with =, +, -, @ get a leading apostrophe.',
        parameters: [
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } },
          ...listParameters.filter((p) => ['filter', 'sort', 'fields'].includes(p.name)),
        ],
        responses: {
          200: {
            description: 'The file (Content-Disposition: attachment)',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
            },
          },
          ...errors(400, 401, 404),
        },
      },
    },
    [`${base}/bulk`]: {
      post: {
        operationId: `bulk${name}`,
        tags: [tag],
        summary: `Create, update or upsert up to ${BULK_LIMIT} ${object.apiName} records, all or none`,
        requestBody: {
          required: true,
          content: json(
            {
              type: 'object',
              properties: {
                operation: { enum: ['create', 'update', 'upsert'] },
                ...(unique.length ? { upsertKey: { enum: unique } } : {}),
                records: { type: 'array', minItems: 1, maxItems: BULK_LIMIT, items: { type: 'object' } },
              },
              required: ['operation', 'records'],
            },
            { operation: 'create', records: [example] },
          ),
        },
        responses: {
          200: {
            description: 'One result per item, in input order',
            content: json({
              type: 'object',
              properties: {
                results: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      index: { type: 'integer' },
                      status: { enum: ['created', 'updated'] },
                      data: ref(),
                    },
                  },
                },
              },
            }),
          },
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    [`${base}/{id}`]: {
      parameters: [idParameter],
      get: {
        operationId: `get${name}`,
        tags: [tag],
        summary: `Get one ${object.apiName} record`,
        parameters: listParameters.filter((p) => p.name === 'fields' || p.name === 'expand'),
        responses: {
          200: { description: 'The record', headers: etag, content: one },
          ...errors(401, 403, 404),
        },
      },
      patch: {
        operationId: `update${name}`,
        tags: [tag],
        summary: `Change one ${object.apiName} record`,
        parameters: [
          {
            name: 'If-Match',
            in: 'header',
            description: 'The ETag read before, e.g. "3"',
            schema: { type: 'string' },
          },
        ],
        requestBody: {
          required: true,
          content: json(ref('Update'), Object.fromEntries(Object.entries(example).slice(0, 1))),
        },
        responses: {
          200: { description: 'The changed record', headers: etag, content: one },
          ...errors(400, 401, 403, 404, 409, 412, 413, 415, 422),
        },
      },
      delete: {
        operationId: `delete${name}`,
        tags: [tag],
        summary: `Delete one ${object.apiName} record`,
        responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 409) },
      },
    },
  };
}

export function objectTag(object: CompiledObject) {
  const label = object.document['x-tessera'].label;
  const names = [localize(label, 'en'), label?.['zh-CN']].filter((n, i, all) => n && all.indexOf(n) === i);
  return { name: object.apiName, description: names.join(' / ') || object.apiName };
}
