/**
 * The identity API's paths and the record-level routes every object shares (history, shares,
 * owner): sign-in, users, tokens, the audit log, workspaces, describe, roles and permission sets.
 */
import { NAMED_KINDS } from '@tessera/engine';
import { type ProblemStatus, problemResponse } from './components.js';

const errors = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), problemResponse(s)]));
const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const data = (schema: object) => json({ type: 'object', properties: { data: schema }, required: ['data'] });
const answer = (description: string, schema: object) => ({ description, content: data(schema) });
const body = (schema: object) => ({ required: true, content: json(schema) });
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const op = (tag: string, operationId: string, summary: string, extra: object) => ({
  operationId,
  tags: [tag],
  summary,
  ...extra,
});
const uuid = { type: 'string', format: 'uuid' };
const instant = { type: 'string', format: 'date-time' };
const apiNames = { type: 'array', items: { type: 'string' } };

export const identitySchemas = () => ({
  User: {
    type: 'object',
    properties: {
      id: uuid,
      email: { type: 'string', format: 'email' },
      name: { type: 'string' },
      role: { type: ['string', 'null'] },
      permissionSets: apiNames,
      admin: { type: 'boolean' },
      active: { type: 'boolean' },
      createdAt: instant,
      updatedAt: instant,
    },
  },
  UserSummary: {
    type: 'object',
    description: 'A user as anyone signed in sees them: in the user lookup, and an expanded user field',
    properties: {
      id: uuid,
      name: { type: 'string' },
      email: { type: 'string', format: 'email' },
      active: { type: 'boolean' },
    },
    required: ['id', 'name', 'email', 'active'],
  },
  UserWrite: {
    type: 'object',
    properties: {
      email: { type: 'string', format: 'email' },
      name: { type: 'string' },
      password: { type: 'string', minLength: 10 },
      role: { type: ['string', 'null'] },
      permissionSets: apiNames,
      admin: { type: 'boolean' },
      active: { type: 'boolean', description: 'false deactivates: sessions and tokens end at once' },
    },
  },
  Token: {
    type: 'object',
    properties: {
      id: uuid,
      userId: uuid,
      name: { type: 'string' },
      createdAt: instant,
      expiresAt: { type: ['string', 'null'], format: 'date-time' },
      lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
      revokedAt: { type: ['string', 'null'], format: 'date-time' },
      token: { type: 'string', description: 'Only in the answer to its creation: tsr_<workspace>.<secret>' },
    },
  },
  Share: {
    type: 'object',
    properties: {
      id: uuid,
      recordId: uuid,
      userId: { type: ['string', 'null'], format: 'uuid' },
      role: { type: ['string', 'null'] },
      access: { enum: ['read', 'edit'] },
      createdBy: { type: ['string', 'null'], format: 'uuid' },
      createdAt: instant,
    },
  },
  FieldChange: {
    type: 'object',
    properties: {
      field: { type: 'string' },
      oldValue: {},
      newValue: {},
      changedBy: { type: ['string', 'null'], format: 'uuid' },
      changedAt: instant,
    },
  },
  AuditEntry: {
    type: 'object',
    properties: {
      id: uuid,
      at: instant,
      actorId: { type: ['string', 'null'], format: 'uuid' },
      action: { type: 'string', examples: ['sign_in', 'sign_in.failed', 'token.used', 'user.created'] },
      detail: { type: 'object' },
    },
  },
  ...Object.fromEntries(NAMED_KINDS.map((k) => [k.component, k.metaSchema()])),
});

/** History, shares and owner of one record: the same for every object, parameterized by it. */
function recordAccessPaths() {
  const record = [path('object'), path('id')];
  return {
    '/api/v1/data/{object}/{id}/history': {
      parameters: record,
      get: op('records', 'recordHistory', 'Field changes of a record (objects with trackHistory)', {
        responses: {
          200: answer('Newest first', { type: 'array', items: ref('FieldChange') }),
          ...errors(401, 403, 404),
        },
      }),
    },
    '/api/v1/data/{object}/{id}/shares': {
      parameters: record,
      get: op('records', 'listShares', 'Who the record is shared with (owner side only)', {
        responses: {
          200: answer('The shares', { type: 'array', items: ref('Share') }),
          ...errors(401, 403, 404),
        },
      }),
      post: op('records', 'shareRecord', 'Share the record with a user or a role', {
        requestBody: body({
          type: 'object',
          properties: { userId: uuid, role: { type: 'string' }, access: { enum: ['read', 'edit'] } },
          required: ['access'],
        }),
        responses: { 201: answer('The share', ref('Share')), ...errors(400, 401, 403, 404, 422) },
      }),
    },
    '/api/v1/data/{object}/{id}/shares/{share}': {
      parameters: [...record, path('share')],
      delete: op('records', 'unshareRecord', 'End a share', {
        responses: { 204: { description: 'Ended' }, ...errors(401, 403, 404) },
      }),
    },
    '/api/v1/data/{object}/{id}/owner': {
      parameters: record,
      post: op('records', 'transferRecord', 'Give the record to another active user', {
        requestBody: body({ type: 'object', properties: { ownerId: uuid }, required: ['ownerId'] }),
        responses: { 200: answer('The record', { type: 'object' }), ...errors(400, 401, 403, 404, 422) },
      }),
    },
  };
}

function namedDocumentPaths(segment: string, schema: string, label: string) {
  const base = `/api/v1/meta/${segment}`;
  const doc = ref(schema);
  const change = { description: 'The change: data, and meta { version, applied, plan }', content: data(doc) };
  return {
    [base]: {
      get: op('meta', `list${schema}s`, `All ${label}s`, {
        responses: { 200: answer(`The ${label}s`, { type: 'array', items: doc }), ...errors(401, 403) },
      }),
    },
    [`${base}/{name}`]: {
      parameters: [path('name')],
      get: op('meta', `get${schema}`, `One ${label}`, {
        responses: { 200: answer(`The ${label}`, doc), ...errors(401, 403, 404) },
      }),
      put: op('meta', `put${schema}`, `Create or replace a ${label}`, {
        requestBody: body(doc),
        responses: { 200: change, 201: change, ...errors(400, 401, 403, 409, 422) },
      }),
      delete: op('meta', `delete${schema}`, `Delete a ${label}`, {
        responses: { 200: change, ...errors(401, 403, 404, 409, 422) },
      }),
    },
  };
}

export function identityPaths() {
  return {
    '/api/v1/auth/sign-in': {
      post: op('identity', 'signIn', 'Sign in to the studio: sets an HttpOnly session cookie', {
        security: [],
        requestBody: body({
          type: 'object',
          properties: {
            workspace: { type: 'string' },
            email: { type: 'string' },
            password: { type: 'string' },
          },
          required: ['workspace', 'email', 'password'],
        }),
        responses: {
          200: answer(
            'Signed in; send csrfToken as X-CSRF-Token with every change (GET /auth/me gives it too)',
            {
              type: 'object',
              properties: {
                user: ref('User'),
                workspace: { type: 'string' },
                csrfToken: { type: 'string' },
                expiresAt: instant,
              },
            },
          ),
          429: {
            description:
              'Too many attempts from this address (at this account, or at all); see Retry-After. An email that does not exist is answered the same way',
          },
          ...errors(400, 401, 403, 415),
        },
      }),
    },
    '/api/v1/auth/sign-out': {
      post: op('identity', 'signOut', 'End the session (with its X-CSRF-Token, from our own Origin)', {
        security: [],
        responses: { 204: { description: 'Signed out' }, ...errors(403) },
      }),
    },
    '/api/v1/auth/me': {
      get: op('identity', 'me', 'The caller, what they may do, and their session’s CSRF token', {
        responses: {
          200: answer('The caller', {
            type: 'object',
            properties: {
              csrfToken: {
                type: ['string', 'null'],
                description:
                  'The session’s CSRF token (null for a bearer token): every tab of the studio reads it here',
              },
            },
          }),
          ...errors(401),
        },
      }),
    },
    '/api/v1/describe': {
      get: op('identity', 'describeObjects', 'The objects the caller may read, with their permissions', {
        responses: {
          200: answer('The objects', { type: 'array', items: { type: 'object' } }),
          ...errors(401),
        },
      }),
    },
    '/api/v1/describe/{object}': {
      parameters: [path('object')],
      get: op('identity', 'describeObject', 'One object as the caller sees it (hidden fields absent)', {
        responses: { 200: answer('The object', { type: 'object' }), ...errors(401, 404) },
      }),
    },
    '/api/v1/users': {
      get: op('identity', 'listUsers', 'All users (manageUsers)', {
        responses: { 200: answer('The users', { type: 'array', items: ref('User') }), ...errors(401, 403) },
      }),
      post: op('identity', 'createUser', 'Add a user (manageUsers; never beyond the caller’s own access)', {
        requestBody: body(ref('UserWrite')),
        responses: { 201: answer('The user', ref('User')), ...errors(400, 401, 403, 409, 422) },
      }),
    },
    '/api/v1/users/lookup': {
      get: op(
        'identity',
        'lookupUsers',
        'People anyone signed in may see, to pick one for a user field (q: active users whose name or e-mail contains it) or to name user ids (ids: active or not)',
        {
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 100 } },
            {
              name: 'ids',
              in: 'query',
              description: 'Comma-separated user ids (at most 100)',
              schema: { type: 'string' },
            },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
          ],
          responses: {
            200: answer('The users found', { type: 'array', items: ref('UserSummary') }),
            ...errors(400, 401),
          },
        },
      ),
    },
    '/api/v1/users/{id}': {
      parameters: [path('id')],
      get: op('identity', 'getUser', 'One user (manageUsers)', {
        responses: { 200: answer('The user', ref('User')), ...errors(401, 403, 404) },
      }),
      patch: op(
        'identity',
        'updateUser',
        'Change or deactivate a user (manageUsers; never beyond the caller’s own access)',
        {
          requestBody: body(ref('UserWrite')),
          responses: { 200: answer('The user', ref('User')), ...errors(400, 401, 403, 404, 422) },
        },
      ),
    },
    '/api/v1/tokens': {
      get: op(
        'identity',
        'listTokens',
        'The caller’s tokens (everyone’s with manageUsers), never the secrets',
        {
          responses: { 200: answer('The tokens', { type: 'array', items: ref('Token') }), ...errors(401) },
        },
      ),
      post: op('identity', 'createToken', 'Make an API token, shown only in this answer', {
        requestBody: body({
          type: 'object',
          properties: { name: { type: 'string' }, userId: uuid, expiresAt: instant },
          required: ['name'],
        }),
        responses: { 201: answer('The token', ref('Token')), ...errors(400, 401, 403, 404, 422) },
      }),
    },
    '/api/v1/tokens/{id}': {
      parameters: [path('id')],
      delete: op('identity', 'revokeToken', 'Revoke a token', {
        responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
      }),
    },
    '/api/v1/audit': {
      get: op('identity', 'auditLog', 'The audit log, newest first (manageUsers)', {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          { name: 'before', in: 'query', description: 'An entry id: older entries', schema: uuid },
        ],
        responses: {
          200: answer('Entries', { type: 'array', items: ref('AuditEntry') }),
          ...errors(400, 401, 403),
        },
      }),
    },
    '/api/v1/workspaces': {
      post: op('identity', 'createWorkspace', 'Create a workspace with its first admin (platform admin)', {
        requestBody: body({
          type: 'object',
          properties: {
            name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,40}$' },
            admin: {
              type: 'object',
              properties: { email: { type: 'string' }, password: { type: 'string' } },
              required: ['email', 'password'],
            },
          },
          required: ['name', 'admin'],
        }),
        responses: {
          201: answer('The workspace and its admin token (shown once)', {
            type: 'object',
            properties: { id: { type: 'string' }, name: { type: 'string' }, adminToken: { type: 'string' } },
          }),
          ...errors(400, 401, 403, 409, 422),
        },
      }),
    },
    ...recordAccessPaths(),
    ...Object.assign({}, ...NAMED_KINDS.map((k) => namedDocumentPaths(k.route, k.component, k.label))),
  };
}
