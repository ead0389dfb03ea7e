import SwaggerParser from '@apidevtools/swagger-parser';
import { compileModel } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import { object, set, text } from '../../../engine/test/documents.js';
import { buildOpenApi } from './build-openapi.js';

const MODEL = compileModel(
  set(
    object('account', { city: text() }),
    object(
      'equipment_asset',
      {
        serial_no: text({ 'x-tessera': { field: 'text', unique: true } }),
        status: {
          type: 'string',
          enum: ['active', 'retired'],
          'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'retired' }] },
        },
        tags: {
          type: 'array',
          items: { type: 'string', enum: ['a', 'b'] },
          uniqueItems: true,
          'x-tessera': { field: 'multipicklist', options: [{ value: 'a' }, { value: 'b' }] },
        },
        price: { type: 'number', 'x-tessera': { field: 'currency' } },
        customer_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
        doubled: {
          type: 'number',
          readOnly: true,
          'x-tessera': { field: 'formula', returns: 'number', formula: 'price * 2' },
        },
      },
      ['serial_no'],
    ),
    object('secret_deal', {}),
  ),
  4,
);

describe('OpenAPI document', () => {
  it('passes a real OpenAPI 3.1 validator', async () => {
    const doc = buildOpenApi(MODEL);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    // The validator is no rubber stamp: a response without its description is refused.
    const broken = structuredClone(doc);
    broken.paths['/api/v1/health'].get.responses['200'] = {} as never;
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it('has every route of every object, the schemas as components, and the error responses', () => {
    const doc = buildOpenApi(MODEL);
    const ops = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((o) => o.operationId),
    );
    for (const op of ['list', 'create', 'query', 'bulk', 'get', 'update', 'delete'])
      expect(ops).toContain(`${op}EquipmentAsset`);
    for (const op of [
      'listAutomationRuns',
      'getAutomationRun',
      'retryAutomationRun',
      'listNotifications',
      'readNotification',
      'readAllNotifications',
    ])
      expect(ops).toContain(op);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'EquipmentAsset',
        'EquipmentAssetCreate',
        'EquipmentAssetUpdate',
        'Problem',
        'Page',
      ]),
    );
    const list = doc.paths['/api/v1/data/equipment_asset'] as {
      get: { parameters: { name: string; schema: object }[] };
    };
    expect(list.get.parameters.find((p) => p.name === 'expand')?.schema).toEqual({
      type: 'string',
      enum: ['customer_id'],
    });
    const create = (
      doc.paths['/api/v1/data/equipment_asset'] as {
        post: { responses: object; requestBody: { content: { 'application/json': { example: object } } } };
      }
    ).post;
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '409', '422']),
    );
    expect(create.requestBody.content['application/json'].example).toMatchObject({
      status: 'active',
      tags: ['a'],
      price: 1250.5,
    });
    expect(doc.info.version).toBe('metadata v4');
  });

  it('leaves out objects the caller may not see, everywhere', () => {
    const text = JSON.stringify(buildOpenApi(MODEL, { visibleObjects: (o) => o !== 'secret_deal' }));
    expect(text).not.toMatch(/secret_deal|SecretDeal/);
    expect(JSON.stringify(buildOpenApi(MODEL))).toMatch(/SecretDeal/);
  });

  it('is the same document for the same model', () => {
    expect(JSON.stringify(buildOpenApi(MODEL))).toBe(
      JSON.stringify(buildOpenApi(compileModel(MODEL.documents, 4))),
    );
  });
});
