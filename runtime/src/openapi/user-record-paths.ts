/** The paths of a user's own lists of records (recent, followed) and what changed on the followed ones. */
import { answer, errors, ref } from './components.js';

const op = (operationId: string, summary: string, extra: object) => ({
  operationId,
  tags: ['me'],
  summary,
  ...extra,
});
const path = (name: string, schema: object, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema,
  description,
});
const kind = path('kind', { type: 'string', enum: ['recent', 'follow'] }, 'Which list');
const object = path('object', { type: 'string' }, 'The object’s API name');
const id = path('id', { type: 'string', format: 'uuid' }, 'The record’s id');

export const userRecordSchemas = () => ({
  UserRecord: {
    type: 'object',
    properties: {
      object: { type: 'string' },
      id: { type: 'string', format: 'uuid' },
      name: { description: 'The record’s name field' },
      at: { type: 'string', format: 'date-time', description: 'When it was opened or followed' },
    },
    required: ['object', 'id', 'name', 'at'],
  },
  FollowedChange: {
    type: 'object',
    properties: {
      object: { type: 'string' },
      id: { type: 'string', format: 'uuid' },
      name: { description: 'The record’s name field' },
      field: { type: 'string' },
      oldValue: {},
      newValue: {},
      changedBy: { type: ['string', 'null'], format: 'uuid' },
      changedAt: { type: 'string', format: 'date-time' },
    },
    required: ['object', 'id', 'name', 'field', 'oldValue', 'newValue', 'changedBy', 'changedAt'],
  },
});

export function userRecordPaths() {
  return {
    '/api/v1/me/records/{kind}': {
      parameters: [kind],
      get: op('listMyRecords', 'Records on one of your lists, newest first, that you may still read', {
        responses: {
          200: answer('The records', { type: 'array', items: ref('UserRecord') }),
          ...errors(400, 401),
        },
      }),
    },
    '/api/v1/me/records/{kind}/{object}/{id}': {
      parameters: [kind, object, id],
      get: op('isOnMyList', 'Whether a record is on one of your lists (e.g. whether you follow it)', {
        responses: {
          200: answer('Whether it is', {
            type: 'object',
            properties: { listed: { type: 'boolean' } },
            required: ['listed'],
          }),
          ...errors(400, 401, 404),
        },
      }),
      put: op('addToMyList', 'Put a record you may read on one of your lists (again: to the top)', {
        responses: { 200: answer('The record as listed', ref('UserRecord')), ...errors(400, 401, 403, 404) },
      }),
      delete: op('removeFromMyList', 'Take a record off one of your lists', {
        responses: { 204: { description: 'Off the list (or never on it)' }, ...errors(400, 401, 404) },
      }),
    },
    '/api/v1/me/followed-changes': {
      get: op('listFollowedChanges', 'What changed lately on the records you follow, newest first', {
        responses: {
          200: answer('Field changes', { type: 'array', items: ref('FollowedChange') }),
          ...errors(400, 401),
        },
      }),
    },
  };
}
