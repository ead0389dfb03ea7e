/** `tessera trash`: listing what deletes left, and purging it for good only when told so. */
import { Workspace } from '@tessera/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../engine/test/dialects.js';
import { object, text } from '../../../engine/test/documents.js';
import { tesseraHere } from '../test/cli-process.js';

describeEachDialect('tessera trash', (env) => {
  let ws: Workspace;
  let cliEnv: NodeJS.ProcessEnv;
  const trash = (...args: string[]) => tesseraHere(cliEnv, 'trash', ...args);
  beforeAll(async () => {
    const name = env.newName();
    ws = await Workspace.open({ ...env.location, workspace: name });
    cliEnv = {
      TESSERA_DATA_DIR: env.location.dataDir,
      ...(env.location.databaseUrl ? { DATABASE_URL: env.location.databaseUrl } : {}),
      TESSERA_WORKSPACE: name,
    };
    await ws.deploy({ objects: [object('lead', { source: text() }), object('visit', { note: text() })] });
    await ws.records.insert('lead', { name: 'L1', source: 'web' });
    await ws.records.insert('visit', { name: 'V1', note: 'ok' });
    const visit = ws.model.object('visit').document;
    await ws.deploy({ objects: [visit] });
  });
  afterAll(() => ws.close());

  it('lists the trash', async () => {
    const listed = await trash();
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^kind\s+name\s+id\s+deleted in version\s+deleted at\nobject\s+lead\s+[0-9a-f-]{36}\s+2\s+\S+$/,
    );
    expect((await trash('list')).stdout).toBe(listed.stdout);
  });

  it('purges only with --yes; a dry run and a missing --yes change nothing', async () => {
    const version = (await ws.history())[0]?.version;
    const dry = await trash('purge', 'lead', '--dry-run');
    expect([dry.code, dry.stderr]).toEqual([0, 'Dry run: nothing was changed.']);
    expect(dry.stdout).toContain('Purge for good (the data cannot be restored afterwards):');
    expect(dry.stdout).toMatch(/object\s+lead/);
    const unconfirmed = await trash('purge', 'lead');
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('pass --yes');
    expect(await ws.trash()).toMatchObject([{ apiName: 'lead' }]);
    expect((await ws.history())[0]?.version).toBe(version);

    const purged = await trash('purge', 'lead', '--yes');
    expect(purged.code).toBe(0);
    expect(purged.stdout).toContain(`is now at metadata version ${(version as number) + 1}.`);
    expect(await ws.trash()).toEqual([]);
    expect((await trash()).stdout).toBe('The trash is empty.');
    // The workspace's other object kept its records.
    await ws.reload();
    expect((await ws.records.list('visit')).map((r) => r.name)).toEqual(['V1']);
  });

  it('refuses what is not in the trash and wrong arguments', async () => {
    const missing = await trash('purge', 'lead', '--yes');
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'tessera trash: no deleted object matches; see the trash for what can be restored or purged',
    ]);
    const field = await trash('purge', 'visit', 'nope', '--yes');
    expect(field.code).toBe(1);
    expect(field.stderr).toContain('no deleted field matches');
    expect((await trash('empty')).stderr).toContain('unknown action "empty": use list or purge');
    expect((await trash('purge')).code).toBe(2);
    expect((await trash('purge', 'a', 'b', 'c')).code).toBe(2);
    expect((await trash('list', 'x')).code).toBe(2);
  });
});
