import { expect, it } from 'vitest';
import { describeEachDialect } from '../test/dialects.js';
import { changed, object, set, text } from '../test/documents.js';

describeEachDialect('workspace', (env) => {
  it('opens a new workspace from several handles at once', async () => {
    const first = await env.open();
    const others = await Promise.all([env.reopen(first), env.reopen(first), env.reopen(first)]);
    await first.deploy(set(object('lead', {})));
    for (const ws of others) expect((await ws.reload()).objects.has('lead')).toBe(true);
  });

  it('serves the model it has until reloaded, then the new version', async () => {
    const a = await env.open();
    await a.deploy(set(object('lead', {})));
    const b = await env.reopen(a);
    await a.deploy(changed(a.model.documents, 'lead', (d) => (d.properties.source = text())));
    expect(b.model.version).toBe(1);
    await expect(b.records.insert('lead', { name: 'x', source: 'web' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await b.reload();
    expect(b.model.version).toBe(2);
    expect(await b.records.insert('lead', { name: 'x', source: 'web' })).toMatchObject({ source: 'web' });
  });
});
