/** The parts of the OpenAPI document that do not depend on the objects: security, Problem, Page, errors. */
const PROBLEM_STATUSES = {
  400: ['Bad request', 'invalid_query', 'invalid filter: "colour" is not a field of equipment_asset'],
  401: ['Unauthorized', 'unauthorized', 'send "Authorization: Bearer <token>"'],
  403: ['Forbidden', 'forbidden', 'not allowed to edit equipment_asset'],
  404: ['Not found', 'record_not_found', 'no equipment_asset record has id "…"'],
  409: ['Conflict', 'unique_violation', 'another equipment_asset record already has this serial_no'],
  412: ['Version mismatch', 'version_conflict', 'the record is at version 3, not 2'],
  413: ['Body too large', 'body_too_large', 'a request body may have at most 1048576 bytes'],
  415: ['Unsupported media type', 'unsupported_media_type', 'send the body as application/json'],
  422: ['Validation failed', 'validation_failed', 'the equipment_asset record is not valid'],
} as const;

export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

export const problemResponse = (status: ProblemStatus) => ({
  $ref: `#/components/responses/Problem${status}`,
});

export function sharedComponents() {
  const responses = Object.fromEntries(
    Object.entries(PROBLEM_STATUSES).map(([status, [title, code, detail]]) => [
      `Problem${status}`,
      {
        description: title,
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/Problem' },
            example: {
              type: `https://tessera.dev/problems/${code}`,
              title,
              status: Number(status),
              detail,
              code,
              ...(status === '422'
                ? {
                    errors: [
                      { field: 'serial_no', pointer: '/serial_no', code: 'required', message: 'is required' },
                    ],
                  }
                : {}),
            },
          },
        },
      },
    ]),
  );
  return {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API token of the workspace' },
    },
    responses,
    schemas: {
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details',
        properties: {
          type: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string', description: 'Stable machine-readable code' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                field: { type: 'string' },
                pointer: { type: 'string', description: 'JSON pointer of the failing value' },
                code: { type: 'string' },
                message: { type: 'string' },
                rule: {
                  type: 'string',
                  description: 'For code "rule": the validation rule refusing the value',
                },
              },
              required: ['field', 'code', 'message'],
            },
          },
        },
        required: ['type', 'title', 'status', 'detail', 'code'],
      },
      Page: {
        type: 'object',
        properties: {
          nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page' },
          total: { type: 'integer', description: 'With count=true' },
        },
        required: ['nextCursor'],
      },
      ObjectDocument: {
        type: 'object',
        description:
          'An object definition: https://tessera.dev/schemas/v1/object.schema.json (engine/schemas)',
      },
    },
  };
}

/** The problem responses of an operation, by status. */
export const errors = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), problemResponse(s)]));

/** A reference to a schema of `components.schemas`. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON answer `{ "data": <schema> }`. */
export const answer = (description: string, schema: object) => ({
  description,
  content: {
    'application/json': { schema: { type: 'object', properties: { data: schema }, required: ['data'] } },
  },
});
