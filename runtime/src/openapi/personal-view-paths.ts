/** The paths of each user's own list views (`/list-views/mine`). */
import { problemResponse } from './components.js';

const view = {
  type: 'object',
  description: 'A list view document: https://tessera.dev/schemas/v1/list-view.schema.json (engine/schemas)',
};
const answer = (description: string, schema: object) => ({
  description,
  content: {
    'application/json': { schema: { type: 'object', properties: { data: schema }, required: ['data'] } },
  },
});
const name = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const op = (operationId: string, summary: string, extra: object) => ({
  operationId,
  tags: ['list views'],
  summary,
  ...extra,
});

export function personalViewPaths(): Record<string, object> {
  return {
    '/api/v1/list-views/mine': {
      get: op('listMyViews', 'Your own list views (any user may keep them; nobody else sees them)', {
        parameters: [
          { name: 'object', in: 'query', schema: { type: 'string' }, description: 'Of one object' },
        ],
        responses: {
          200: answer('Your views', { type: 'array', items: view }),
          400: problemResponse(400),
          401: problemResponse(401),
        },
      }),
    },
    '/api/v1/list-views/mine/{name}': {
      parameters: [name],
      put: op('putMyView', 'Create or replace one of your list views, checked against what you may read', {
        requestBody: { required: true, content: { 'application/json': { schema: view } } },
        responses: {
          200: answer('Replaced', view),
          201: answer('Created', view),
          400: problemResponse(400),
          401: problemResponse(401),
          422: problemResponse(422),
        },
      }),
      delete: op('deleteMyView', 'Delete one of your list views', {
        responses: { 204: { description: 'Deleted' }, 401: problemResponse(401), 404: problemResponse(404) },
      }),
    },
  };
}
