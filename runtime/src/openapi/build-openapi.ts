/**
 * The OpenAPI 3.1 document of a workspace, generated from its compiled model: object schemas as components,
 * every route with its parameters, examples and error responses. Built once per metadata version (and per
 * set of visible objects) by the route that serves it.
 */
import type { CompiledModel } from '@tessera/engine';
import { automationPaths, automationSchemas } from './automation-paths.js';
import { problemResponse, sharedComponents } from './components.js';
import { identityPaths, identitySchemas } from './identity-paths.js';
import { importPaths, importSchemas } from './import-paths.js';
import { metaPaths } from './meta-paths.js';
import { objectPaths, objectSchemas, objectTag } from './object-paths.js';
import { personalViewPaths } from './personal-view-paths.js';
import { searchPaths, searchSchemas } from './search-paths.js';
import { userRecordPaths, userRecordSchemas } from './user-record-paths.js';

export interface OpenApiOptions {
  serverUrl?: string;
  /** Which objects the caller may see; the others appear nowhere in the document. */
  visibleObjects?: (apiName: string) => boolean;
}

export function buildOpenApi(model: CompiledModel, options: OpenApiOptions = {}) {
  const objects = [...model.objects.values()]
    .filter((o) => options.visibleObjects?.(o.apiName) ?? true)
    .sort((a, b) => a.apiName.localeCompare(b.apiName));
  const shared = sharedComponents();
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Tessera API',
      version: `metadata v${model.version}`,
      description:
        'Records of every object of this workspace, generated from its metadata, and the metadata API that defines them.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    security: [{ bearer: [] }],
    tags: [
      ...objects.map(objectTag),
      { name: 'records', description: 'Search, history, shares and owner of any record' },
      { name: 'identity', description: 'Sign-in, users, tokens, audit, workspaces' },
      { name: 'automation', description: 'Automation run history and notifications' },
      { name: 'imports', description: 'Files imported into objects, as jobs' },
      { name: 'list views', description: 'Each user’s own list views' },
      { name: 'meta', description: 'Metadata (admins)' },
      { name: 'system' },
    ],
    paths: {
      '/api/v1/health': {
        get: {
          operationId: 'health',
          tags: ['system'],
          security: [],
          summary: 'Is the server up',
          responses: {
            200: { description: 'Up', content: { 'application/json': { example: { status: 'ok' } } } },
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openApi',
          tags: ['system'],
          summary: 'This document',
          responses: { 200: { description: 'OpenAPI 3.1' }, 401: problemResponse(401) },
        },
      },
      ...Object.assign({}, ...objects.map(objectPaths)),
      ...metaPaths(),
      ...identityPaths(),
      ...automationPaths(),
      ...importPaths(),
      ...userRecordPaths(),
      ...searchPaths(),
      ...personalViewPaths(),
    },
    components: {
      ...shared,
      schemas: {
        ...shared.schemas,
        ...identitySchemas(),
        ...automationSchemas(),
        ...importSchemas(),
        ...userRecordSchemas(),
        ...searchSchemas(),
        ...Object.assign({}, ...objects.map(objectSchemas)),
      },
    },
  };
}
