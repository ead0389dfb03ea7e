/**
 * Seed files name users by e-mail: a user field's cell links the active user with that address, and leaves the
 * field empty when the workspace has no such active user (a package is installed before its people's accounts).
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object } from '../../test/documents.js';
import type { DocumentSet, PropertyDocument } from '../index.js';
import { installPackage } from './package-installer.js';
import type { PackageSource } from './plan-install.js';

const NO_DOCUMENTS: DocumentSet = { objects: [] };
const userField: PropertyDocument = { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' } };

const pkg = (csv: string): PackageSource => ({
  manifest: { name: 'crew', version: '1.0.0', label: { en: 'Crew' } },
  documents: { objects: [object('engineer', { account: userField })] },
  data: [{ file: 'data/engineer.csv', text: csv }],
});

describeEachDialect('seed files with user fields', (env) => {
  it('links engineers to active users by e-mail, any case, and leaves the others empty', async () => {
    const ws = await env.open();
    const ann = await ws.users.create({ email: 'ann@example.com', name: 'Ann' }, NO_DOCUMENTS);
    const cat = await ws.users.create({ email: 'cat@example.com', name: 'Cat' }, NO_DOCUMENTS);
    await ws.users.update(cat.id, { active: false }, NO_DOCUMENTS);
    const result = await installPackage(
      ws,
      pkg('name,account\nAnn,ANN@Example.com \nCat,cat@example.com\nNobody,nobody@example.com\nBlank,\n'),
    );
    expect(result.seeded).toEqual({ 'data/engineer.csv': 4 });
    const rows = await ws.records.list('engineer', { sort: 'name', fields: ['name', 'account'] });
    expect(rows.map((r) => [r.name, r.account])).toEqual([
      ['Ann', ann.id],
      ['Blank', null],
      ['Cat', null],
      ['Nobody', null],
    ]);
  });

  it('refuses a user column that asks for another key, naming the header, and installs nothing', async () => {
    const ws = await env.open();
    const refused = await installPackage(ws, pkg('name,account.name\nAnn,Ann\n')).catch((e) => e);
    expect(refused).toMatchObject({
      code: 'invalid_seed_data',
      issues: [
        {
          document: 'data/engineer.csv',
          pointer: '/1/account.name',
          code: 'not_lookup',
          message: expect.stringContaining('by email'),
        },
      ],
    });
    expect(ws.model.objects.size).toBe(0);
  });
});
