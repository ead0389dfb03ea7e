/** Layouts and list views through the metadata API: managed one at a time, validated, and kept in step with fields. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../engine/test/dialects.js';
import { object, text } from '../../engine/test/documents.js';
import { serveForTest, type TestApi } from '../test/server.js';

const layout = {
  kind: 'layout',
  apiName: 'machine_layout',
  object: 'machine',
  sections: [
    {
      id: 'main',
      label: { en: 'Details', 'zh-CN': '详情' },
      columns: 2,
      items: [{ field: 'name' }, { field: 'serial', column: 2 }, { field: 'site' }],
    },
  ],
};
const view = {
  kind: 'list_view',
  apiName: 'machines_by_site',
  object: 'machine',
  label: { en: 'By site', 'zh-CN': '按场地' },
  columns: [{ field: 'name', pinned: true }, { field: 'site', width: 200 }, { field: 'serial' }],
  filter: { site: { startsWith: 'B' } },
  sort: 'site,-created_at',
  pageSize: 25,
};

describeEachDialect('layouts and list views over HTTP', (env) => {
  let api: TestApi;
  beforeAll(async () => {
    const ws = await env.openForSuite();
    await ws.deploy({ objects: [object('machine', { serial: text(), site: text() })] });
    api = await serveForTest(ws);
  });
  afterAll(() => api.server.close());

  it('creates, reads, lists and deletes them under /meta, each change a new version', async () => {
    const made = await api.call('PUT', '/api/v1/meta/layouts/machine_layout', layout);
    expect(made.status).toBe(201);
    expect((await api.call('PUT', '/api/v1/meta/list-views/machines_by_site', view)).status).toBe(201);
    expect((await api.call('GET', '/api/v1/meta/layouts/machine_layout')).body.data).toEqual(layout);
    expect((await api.call('GET', '/api/v1/meta/list-views')).body.data).toEqual([view]);
    const versions = (await api.call('GET', '/api/v1/meta/versions')).body.data;
    expect(versions[0].message).toBe('Create list view machines_by_site');
  });

  it('refuses a layout or view naming what is not there, changing nothing', async () => {
    const before = (await api.call('GET', '/api/v1/meta/versions')).body.data.length;
    const bad = await api.call('PUT', '/api/v1/meta/layouts/machine_layout', {
      ...layout,
      sections: [{ id: 'main', columns: 1, items: [{ field: 'colour' }] }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({
        field: 'layout:machine_layout/sections/0/items/0/field',
        code: 'unknown_field',
      }),
    ]);
    const badView = await api.call('PUT', '/api/v1/meta/list-views/machines_by_site', {
      ...view,
      filter: { site: { gt: 'A', near: 1 } },
    });
    expect(badView.status).toBe(422);
    expect(badView.body.errors.map((e: { code: string }) => e.code)).toEqual(['unknown_operator']);
    const mismatch = await api.call('PUT', '/api/v1/meta/layouts/other_name', layout);
    expect(mismatch.status).toBe(400);
    expect((await api.call('GET', '/api/v1/meta/versions')).body.data.length).toBe(before);
    expect((await api.call('GET', '/api/v1/meta/layouts/machine_layout')).body.data).toEqual(layout);
  });

  it('a renamed field is renamed in them, and a deleted one leaves them, in the same version', async () => {
    const renamed = await api.call('PATCH', '/api/v1/meta/objects/machine/fields/site', {
      apiName: 'location',
    });
    expect(renamed.status).toBe(200);
    // A changed field keeps its place among the fields (forms and default layouts follow that order).
    const relabel = await api.call('PATCH', '/api/v1/meta/objects/machine/fields/serial', {
      schema: text({ title: 'Serial number' }),
    });
    expect(relabel.status).toBe(200);
    const fields = Object.keys((await api.call('GET', '/api/v1/meta/objects/machine')).body.data.properties);
    expect(fields).toEqual(['name', 'serial', 'location']);
    expect(
      (await api.call('GET', '/api/v1/meta/layouts/machine_layout')).body.data.sections[0].items,
    ).toEqual([{ field: 'name' }, { field: 'serial', column: 2 }, { field: 'location' }]);
    expect((await api.call('GET', '/api/v1/meta/list-views/machines_by_site')).body.data).toMatchObject({
      columns: [{ field: 'name', pinned: true }, { field: 'location', width: 200 }, { field: 'serial' }],
      filter: { location: { startsWith: 'B' } },
      sort: 'location,-created_at',
    });
    expect((await api.call('DELETE', '/api/v1/meta/objects/machine/fields/serial')).status).toBe(200);
    expect(
      (await api.call('GET', '/api/v1/meta/layouts/machine_layout')).body.data.sections[0].items,
    ).toEqual([{ field: 'name' }, { field: 'location' }]);
    expect(
      (await api.call('GET', '/api/v1/meta/list-views/machines_by_site')).body.data.columns.map(
        (c: { field: string }) => c.field,
      ),
    ).toEqual(['name', 'location']);
  });

  it('deploys them in a package, and deleting the object takes them along', async () => {
    const deployed = await api.call('POST', '/api/v1/meta/deploy', {
      objects: [object('pump', { model: text() })],
      layouts: [
        {
          ...layout,
          apiName: 'pump_layout',
          object: 'pump',
          sections: [{ id: 'a', columns: 1, items: [{ field: 'model' }] }],
        },
      ],
      listViews: [
        {
          ...view,
          apiName: 'pumps',
          object: 'pump',
          columns: [{ field: 'model' }],
          filter: {},
          sort: 'model',
        },
      ],
    });
    expect(deployed.status).toBe(200);
    expect(
      (await api.call('GET', '/api/v1/meta/layouts')).body.data.map((l: { apiName: string }) => l.apiName),
    ).toEqual(['machine_layout', 'pump_layout']);
    expect((await api.call('DELETE', '/api/v1/meta/objects/pump')).status).toBe(200);
    expect(
      (await api.call('GET', '/api/v1/meta/layouts')).body.data.map((l: { apiName: string }) => l.apiName),
    ).toEqual(['machine_layout']);
    expect((await api.call('GET', '/api/v1/meta/list-views/pumps')).status).toBe(404);
  });

  it("describe gives a user the object's layouts and views without the fields they may not read", async () => {
    const deployed = await api.call('POST', '/api/v1/meta/deploy', {
      objects: [object('kiosk', { secret: text(), city: text() })],
      layouts: [
        {
          kind: 'layout',
          apiName: 'kiosk_layout',
          object: 'kiosk',
          sections: [
            {
              id: 'a',
              columns: 2,
              items: [{ field: 'name' }, { field: 'secret' }, { field: 'city', column: 2 }],
            },
          ],
        },
      ],
      listViews: [
        {
          kind: 'list_view',
          apiName: 'kiosks',
          object: 'kiosk',
          label: { en: 'Kiosks' },
          columns: [{ field: 'name' }, { field: 'secret' }],
          filter: { secret: { eq: 'x' }, city: { isNull: false } },
          sort: 'secret,name',
        },
      ],
      permissionSets: [
        {
          kind: 'permission_set',
          apiName: 'kiosk_viewer',
          objects: { kiosk: { read: true } },
          fields: { kiosk: { secret: 'none', city: 'read' } },
        },
      ],
    });
    expect(deployed.status).toBe(200);
    const user = await api.call('POST', '/api/v1/users', {
      email: `viewer-${env.dialect}@example.com`,
      name: 'Viewer',
      password: 'a long enough password',
      permissionSets: ['kiosk_viewer'],
    });
    const token = await api.call('POST', '/api/v1/tokens', { name: 'viewer', userId: user.body.data.id });
    const as = { authorization: `Bearer ${token.body.data.token}` };
    const described = await api.call('GET', '/api/v1/describe/kiosk', undefined, as);
    expect(described.status).toBe(200);
    expect(described.body.data.layouts[0].sections[0].items).toEqual([
      { field: 'name' },
      { field: 'city', column: 2, readOnly: true },
    ]);
    expect(described.body.data.listViews[0]).toMatchObject({
      columns: [{ field: 'name' }],
      filter: { city: { isNull: false } },
      sort: 'name',
    });
    // The view as the user has it works against the data API.
    const listed = await api.call(
      'GET',
      `/api/v1/data/kiosk?sort=name&filter=${encodeURIComponent(JSON.stringify({ city: { isNull: false } }))}`,
      undefined,
      as,
    );
    expect(listed.status).toBe(200);
    const admin = (await api.call('GET', '/api/v1/describe/kiosk')).body.data;
    expect(admin.layouts[0].sections[0].items).toHaveLength(3);
    expect(admin.listViews[0].columns).toHaveLength(2);
  });
});
