import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../api/types.js';
import { byApp } from './app-groups.js';

const object = (apiName: string, app?: string): ObjectSummary => ({
  apiName,
  label: { en: apiName },
  nameField: 'name',
  permissions: { read: true, create: true, edit: true, delete: true },
  ...(app ? { app: { name: app, label: { en: app.toUpperCase() } } } : {}),
});

describe('the menu by app', () => {
  it('groups objects by their package, apps in order of appearance, the admin’s own objects last', () => {
    const groups = byApp([
      object('account', 'crm'),
      object('kiosk'),
      object('order', 'dist'),
      object('contact', 'crm'),
    ]);
    expect(groups.map((g) => [g.name, g.label?.en, g.objects.map((o) => o.apiName)])).toEqual([
      ['crm', 'CRM', ['account', 'contact']],
      ['dist', 'DIST', ['order']],
      [null, undefined, ['kiosk']],
    ]);
  });

  it('is one group without apps', () => {
    expect(byApp([object('a'), object('b')])).toEqual([{ name: null, objects: [object('a'), object('b')] }]);
  });
});
