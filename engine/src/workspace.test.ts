import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../test/dialects.js';
import { changed, object, set, text } from '../test/documents.js';
import { ownerIndexName } from './model/table-plan.js';

describeEachDialect('workspace', (env) => {
  it('opens a new workspace from several handles at once', async () => {
    const first = await env.open();
    const others = await Promise.all([env.reopen(first), env.reopen(first), env.reopen(first)]);
    await first.deploy(set(object('lead', {})));
    for (const ws of others) expect((await ws.reload()).objects.has('lead')).toBe(true);
  });

  it('gives tables made before their system indexes existed those indexes when it next opens', async () => {
    const ws = await env.open();
    await ws.deploy(set(object('lead', {})));
    const name = ownerIndexName(ws.model.object('lead').id);
    const exists = async () =>
      (env.dialect === 'sqlite'
        ? await sql`select name from sqlite_master where type = 'index' and name = ${name}`.execute(
            ws.storage.db,
          )
        : await sql`select indexname from pg_indexes where schemaname = current_schema() and indexname = ${name}`.execute(
            ws.storage.db,
          )
      ).rows.length;
    expect(await exists()).toBe(1);
    await ws.storage.migrate((db) => db.schema.dropIndex(name).execute());
    expect(await exists()).toBe(0);
    await env.reopen(ws);
    expect(await exists()).toBe(1);
  });

  it('writes against the metadata version in force, even when another process just changed it', async () => {
    const a = await env.open();
    await a.deploy(set(object('lead', { code: text({ maxLength: 50 }) })));
    const b = await env.reopen(a);
    await a.deploy(
      changed(a.model.documents, 'lead', (d) => {
        d.properties.source = text();
        d.properties.code = text({ maxLength: 3 });
      }),
    );
    expect(b.model.version).toBe(1);
    // b's model does not know "source" yet: the write is prepared again on version 2, and accepted.
    expect(await b.records.insert('lead', { name: 'x', source: 'web' })).toMatchObject({ source: 'web' });
    expect(b.model.version).toBe(2);
    // And a rule tightened by another process is enforced at once, never by a stale validator.
    const c = await env.reopen(a);
    await a.deploy(changed(a.model.documents, 'lead', (d) => (d.properties.code = text({ maxLength: 2 }))));
    await expect(c.records.insert('lead', { name: 'y', code: 'abc' })).rejects.toMatchObject({
      issues: [{ pointer: '/code', code: 'maxLength' }],
    });
    expect(c.model.version).toBe(3);
  });

  // An SQLite file is served by one process: there is nobody to hear from.
  it.skipIf(env.dialect !== 'postgres')(
    'hears about a metadata change made by another process within a second',
    async () => {
      const a = await env.open();
      await a.deploy(set(object('lead', {})));
      const b = await env.reopen(a);
      const started = Date.now();
      await a.deploy(changed(a.model.documents, 'lead', (d) => (d.properties.source = text())));
      while (b.model.version !== 2 && Date.now() - started < 1000)
        await new Promise((r) => setTimeout(r, 10));
      expect(b.model.version).toBe(2);
      expect(b.model.object('lead').fields.has('source')).toBe(true);
    },
  );
});
