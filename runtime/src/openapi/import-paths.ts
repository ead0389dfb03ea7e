/** The paths of imports (CONTRACT §9): a file in, a job that imports it, its progress and refused rows. */
import { answer, errors, ref } from './components.js';

const op = (operationId: string, summary: string, extra: object) => ({
  operationId,
  tags: ['imports'],
  summary,
  ...extra,
});
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const instant = { type: 'string', format: 'date-time' };
const nullableInstant = { type: ['string', 'null'], format: 'date-time' };
const nullableText = { type: ['string', 'null'] };
const status = { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] };

const options = {
  type: 'object',
  properties: {
    object: { type: 'string', description: 'The object to import into' },
    mode: { type: 'string', enum: ['insert', 'update', 'upsert'], default: 'insert' },
    key: { type: 'string', description: 'update and upsert: a unique field, or id (the default)' },
    mapping: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Column → field API name (or <lookup>.<field>); "" leaves a column out',
    },
    atomic: { type: 'boolean', default: true, description: 'All rows or none' },
    dryRun: { type: 'boolean', default: false, description: 'Check everything, write nothing' },
    dateOrder: { type: 'string', enum: ['ymd', 'dmy', 'mdy'], description: 'How 5/3/2024 reads' },
    decimalSeparator: { type: 'string', enum: ['.', ','], description: '"," for 1.234,56' },
    encoding: { type: 'string', enum: ['utf-8', 'gb18030'], description: 'CSV only; UTF-8 by default' },
  },
  required: ['object'],
  additionalProperties: false,
};

const upload = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        properties: {
          file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'CSV or XLSX' },
          options: {
            type: 'string',
            contentMediaType: 'application/json',
            description: 'ImportOptions as JSON',
          },
        },
        required: ['file', 'options'],
      },
    },
    'application/json': {
      schema: {
        allOf: [
          ref('ImportOptions'),
          {
            type: 'object',
            properties: {
              csv: { type: 'string', description: 'The CSV text (small files)' },
              fileName: { type: 'string' },
            },
            required: ['csv'],
          },
        ],
      },
      example: { object: 'account', csv: 'name,code\nAcme,A-1\n', mode: 'upsert', key: 'code' },
    },
  },
};

export const importSchemas = () => ({
  ImportOptions: options,
  ImportRowError: {
    type: 'object',
    properties: {
      line: { type: 'integer', description: 'The file’s line (the header is 1); 0 for the whole file' },
      column: nullableText,
      field: nullableText,
      code: { type: 'string' },
      message: { type: 'string' },
    },
  },
  Import: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      status,
      object: { type: 'string' },
      mode: { type: 'string', enum: ['insert', 'update', 'upsert'] },
      atomic: { type: 'boolean' },
      dryRun: { type: 'boolean' },
      fileName: { type: 'string' },
      total: { type: ['integer', 'null'], description: 'Data rows; null until the file was read once' },
      processed: { type: 'integer' },
      created: { type: 'integer' },
      updated: { type: 'integer' },
      failed: { type: 'integer' },
      errors: { type: 'array', items: ref('ImportRowError'), description: 'The first 100' },
      rate: { type: 'number', description: 'Rows per second' },
      error: {
        type: ['object', 'null'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
        description: 'Why the whole import failed',
      },
      createdAt: instant,
      startedAt: nullableInstant,
      finishedAt: nullableInstant,
    },
  },
  ImportPreview: {
    type: 'object',
    properties: {
      columns: {
        type: 'array',
        items: {
          type: 'object',
          properties: { column: { type: 'string' }, field: nullableText, lookupKey: { type: 'string' } },
        },
      },
      unmapped: { type: 'array', items: { type: 'string' } },
      uncovered: { type: 'array', items: { type: 'string' } },
      ignored: {
        type: 'array',
        description: 'Columns left out because another column fills their field by id',
        items: {
          type: 'object',
          properties: {
            column: { type: 'string' },
            field: { type: 'string' },
            usedColumn: { type: 'string' },
          },
        },
      },
      sample: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    },
  },
});

export function importPaths() {
  return {
    '/api/v1/imports': {
      post: op('startImport', 'Import a CSV or XLSX file into an object, as a job', {
        description:
          'The file streams to the server’s disk (at most 100 MiB unless TESSERA_MAX_UPLOAD_MB says otherwise) and is imported by a job in the background; one import per object at a time.',
        requestBody: upload,
        responses: {
          202: answer('Queued', {
            type: 'object',
            properties: { id: { type: 'string', format: 'uuid' }, status },
          }),
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      }),
    },
    '/api/v1/imports/preview': {
      post: op('previewImport', 'How a file’s columns map onto the object’s fields; imports nothing', {
        requestBody: upload,
        responses: {
          200: answer('The mapping', ref('ImportPreview')),
          ...errors(400, 401, 403, 404, 413, 415, 422),
        },
      }),
    },
    '/api/v1/imports/{id}': {
      parameters: [idParameter],
      get: op('getImport', 'An import you started (admins: any) with its progress and first errors', {
        responses: { 200: answer('The import', ref('Import')), ...errors(401, 404) },
      }),
    },
    '/api/v1/imports/{id}/errors.csv': {
      parameters: [idParameter],
      get: op('importErrors', 'Every refused row of an import: line, column, field, code, message', {
        responses: {
          200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...errors(401, 404),
        },
      }),
    },
    '/api/v1/imports/{id}/cancel': {
      parameters: [idParameter],
      post: op('cancelImport', 'Stop a queued or running import (an atomic one writes nothing)', {
        responses: { 200: answer('The import', ref('Import')), ...errors(401, 404) },
      }),
    },
  };
}
