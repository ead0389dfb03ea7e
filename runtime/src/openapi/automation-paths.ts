/**
 * The paths of run history and notifications: what automations did (and retrying what died), and each user's
 * own notifications.
 */
import { type ProblemStatus, problemResponse } from './components.js';

const errors = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), problemResponse(s)]));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const answer = (description: string, schema: object, extra: Record<string, object> = {}) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', properties: { data: schema, ...extra }, required: ['data'] },
    },
  },
});
const op = (operationId: string, summary: string, extra: object) => ({
  operationId,
  tags: ['automation'],
  summary,
  ...extra,
});
const query = (name: string, schema: object, description?: string) => ({
  name,
  in: 'query',
  schema,
  ...(description ? { description } : {}),
});
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const uuid = { type: 'string', format: 'uuid' };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const instant = { type: 'string', format: 'date-time' };
const nullableInstant = { type: ['string', 'null'], format: 'date-time' };
const nullableText = { type: ['string', 'null'] };
const jobStatus = { type: 'string', enum: ['pending', 'running', 'done', 'dead', 'cancelled'] };
const runStatus = { type: 'string', enum: ['pending', 'done', 'failed', 'dead'] };
const page = { type: 'object', properties: { nextCursor: { type: ['string', 'null'] } } };

const runSummary = {
  type: 'object',
  properties: {
    id: uuid,
    automation: { type: 'string' },
    object: { type: 'string' },
    recordId: nullableUuid,
    trigger: { type: 'string', enum: ['create', 'update', 'delete', 'schedule', 'relative'] },
    actor: nullableUuid,
    depth: { type: 'integer', description: 'Automation steps that led to the write: 0 for a user’s' },
    status: runStatus,
    error: { ...nullableText, description: 'The run’s own error, else the last error of a failing action' },
    createdAt: instant,
    finishedAt: nullableInstant,
    durationMs: { type: ['integer', 'null'] },
    attempts: { type: 'integer', description: 'Attempts made by all queued actions' },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          type: { type: 'string' },
          status: jobStatus,
          deliveryId: { ...uuid, description: 'Queued actions: the stable delivery id' },
          attempts: { type: 'integer' },
          lastError: nullableText,
        },
        required: ['index', 'type', 'status'],
      },
    },
  },
};

export const automationSchemas = () => ({
  AutomationRun: runSummary,
  AutomationRunDetail: {
    allOf: [
      ref('AutomationRun'),
      {
        type: 'object',
        properties: {
          jobs: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { ...uuid, description: 'The delivery id' },
                actionIndex: { type: 'integer' },
                type: { type: 'string' },
                status: jobStatus,
                attempts: { type: 'integer' },
                maxAttempts: { type: 'integer' },
                runAt: instant,
                lastError: nullableText,
                createdAt: instant,
                updatedAt: instant,
                history: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      attempt: { type: 'integer' },
                      startedAt: instant,
                      durationMs: { type: 'integer' },
                      outcome: { type: 'string', enum: ['ok', 'error'] },
                      detail: nullableText,
                    },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
  Notification: {
    type: 'object',
    properties: {
      id: uuid,
      title: { type: 'string' },
      body: { type: 'string' },
      object: nullableText,
      recordId: nullableUuid,
      automation: nullableText,
      deliveryId: uuid,
      read: { type: 'boolean' },
      readAt: nullableInstant,
      createdAt: instant,
    },
  },
});

export function automationPaths() {
  return {
    '/api/v1/automation-runs': {
      get: op('listAutomationRuns', 'Runs of automations, newest first: those of records you can read', {
        parameters: [
          query('automation', { type: 'string' }),
          query('object', { type: 'string' }),
          query('record', uuid),
          query('status', runStatus),
          query('failuresFirst', { type: 'boolean', default: false }, 'Failed and dead runs first'),
          query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
          query('cursor', { type: 'string' }, 'page.nextCursor of the page before'),
        ],
        responses: {
          200: answer('Runs', { type: 'array', items: ref('AutomationRun') }, { page }),
          ...errors(400, 401),
        },
      }),
    },
    '/api/v1/automation-runs/{id}': {
      parameters: [idParameter],
      get: op('getAutomationRun', 'One run with its queued actions and every attempt', {
        responses: { 200: answer('The run', ref('AutomationRunDetail')), ...errors(401, 404) },
      }),
    },
    '/api/v1/automation-runs/{id}/retry': {
      parameters: [idParameter],
      post: op(
        'retryAutomationRun',
        'Try the run’s dead actions again, from now (edit right on its object)',
        {
          responses: {
            200: answer('The run, pending again', ref('AutomationRunDetail')),
            ...errors(401, 403, 404, 409),
          },
        },
      ),
    },
    '/api/v1/notifications': {
      get: op('listNotifications', 'Your notifications, newest first, with the unread count', {
        parameters: [
          query('unread', { type: 'boolean', default: false }, 'Only unread ones'),
          query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
          query('cursor', { type: 'string' }, 'page.nextCursor of the page before'),
        ],
        responses: {
          200: answer(
            'Notifications',
            { type: 'array', items: ref('Notification') },
            { unread: { type: 'integer' }, page },
          ),
          ...errors(400, 401),
        },
      }),
    },
    '/api/v1/notifications/{id}/read': {
      parameters: [idParameter],
      post: op('readNotification', 'Mark one of your notifications read', {
        responses: { 200: answer('The notification', ref('Notification')), ...errors(401, 404) },
      }),
    },
    '/api/v1/notifications/read-all': {
      post: op('readAllNotifications', 'Mark all your notifications read', {
        responses: {
          200: answer('How many were unread', {
            type: 'object',
            properties: { marked: { type: 'integer' } },
          }),
          ...errors(401),
        },
      }),
    },
  };
}
