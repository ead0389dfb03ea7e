/**
 * A small sales model for import and export tests: accounts with a unique code, deals with a field of most
 * kinds (a lookup to an account, a user, money, dates, lists, a point), and a `rep` permission set that may
 * read and create deals but neither see `margin` nor edit `stage`.
 */
import type { DocumentSet, PropertyDocument } from '../src/index.js';
import { object, text } from './documents.js';

const options = (...values: string[]) =>
  values.map((value) => ({ value, label: { en: value, 'zh-CN': value } }));

const DEAL_FIELDS: Record<string, PropertyDocument> = {
  amount: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
  margin: { type: 'number', 'x-tessera': { field: 'percent', scale: 2 } },
  units: { type: 'integer', 'x-tessera': { field: 'integer' } },
  closes_on: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
  signed_at: { type: 'string', format: 'date-time', 'x-tessera': { field: 'datetime' } },
  won: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
  stage: {
    type: 'string',
    enum: ['new', 'won', 'lost'],
    'x-tessera': { field: 'picklist', options: options('new', 'won', 'lost') },
  },
  tags: {
    type: 'array',
    items: { type: 'string', enum: ['hot', 'cold', 'renewal'] },
    uniqueItems: true,
    'x-tessera': { field: 'multipicklist', options: options('hot', 'cold', 'renewal') },
  },
  site: { type: 'object', 'x-tessera': { field: 'geolocation' } },
  note: { type: 'string', maxLength: 2000, 'x-tessera': { field: 'textarea' } },
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
  manager: { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' } },
};

export const DEAL_DOCUMENTS: DocumentSet = {
  objects: [
    object('account', { code: text({ 'x-tessera': { field: 'text', unique: true } }) }),
    object('deal', DEAL_FIELDS),
  ],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'rep',
      objects: {
        account: { read: true },
        deal: { read: true, create: true, edit: true },
      },
      fields: { deal: { margin: 'none', stage: 'read' } },
    },
  ],
};
