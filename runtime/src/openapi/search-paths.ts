/** The path of search across objects, and the shape of its answer. */
import { SEARCH_LIMITS } from '@tessera/engine';
import { problemResponse } from './components.js';

export const searchSchemas = () => ({
  SearchGroup: {
    type: 'object',
    properties: {
      object: { type: 'string', description: 'The object’s API name' },
      records: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            name: { type: ['string', 'null'], description: 'null when you may not read the name field' },
            field: { type: 'string', description: 'The field the snippet is from' },
            snippet: { type: 'string', description: 'That field’s text around the first word it holds' },
          },
          required: ['id', 'name', 'field', 'snippet'],
        },
      },
    },
    required: ['object', 'records'],
  },
});

export const searchPaths = () => ({
  '/api/v1/search': {
    get: {
      operationId: 'search',
      tags: ['records'],
      summary: 'Records of every object you may read whose name or searchable fields hold the words',
      description:
        'Each word must occur, in any case and anywhere inside a word (so a word inside a Chinese name is found), in the name field or a field marked `searchable` that you may read; only records you may read are found. Grouped by object, objects without hits left out.',
      parameters: [
        {
          name: 'q',
          in: 'query',
          required: true,
          schema: { type: 'string', minLength: 1, maxLength: SEARCH_LIMITS.queryLength },
          description: `Up to ${SEARCH_LIMITS.terms} words, separated by spaces`,
        },
        {
          name: 'objects',
          in: 'query',
          schema: { type: 'string' },
          description: 'Comma-separated object API names; every object you may read when absent',
        },
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: SEARCH_LIMITS.max, default: SEARCH_LIMITS.default },
          description: 'Records per object',
        },
      ],
      responses: {
        200: {
          description: 'Hits, grouped by object',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { data: { type: 'array', items: { $ref: '#/components/schemas/SearchGroup' } } },
                required: ['data'],
              },
              example: {
                data: [
                  {
                    object: 'account',
                    records: [
                      {
                        id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
                        name: 'Acme Industrial Supply',
                        field: 'name',
                        snippet: 'Acme Industrial Supply',
                      },
                    ],
                  },
                ],
              },
            },
          },
        },
        400: problemResponse(400),
        401: problemResponse(401),
        403: problemResponse(403),
        404: problemResponse(404),
      },
    },
  },
});
