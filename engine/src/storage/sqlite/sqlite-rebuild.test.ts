import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { changed, object, set, text } from '../../../test/documents.js';
import { Workspace } from '../../workspace.js';

describe('SQLite table rebuild', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-rebuild-'));
    dirs.push(dir);
    return Workspace.open({ dataDir: dir, workspace: 'w' });
  };

  it('refuses to commit a rebuild that leaves a broken reference, and changes nothing', async () => {
    const ws = await open();
    await ws.deploy(
      set(
        object('account', {}),
        object('contact', {
          account_id: {
            type: 'string',
            format: 'uuid',
            'x-tessera': { field: 'lookup', target: 'account', onDelete: 'restrict' },
          },
          rank: { type: 'integer', 'x-tessera': { field: 'integer' } },
        }),
      ),
    );
    // A row written behind the platform's back (foreign keys off) that names no account.
    const db = ws.storage.db;
    await sql`pragma foreign_keys = off`.execute(db);
    await sql`insert into contact (id, created_at, updated_at, version, name, account_id, rank)
      values ('0190a000-0000-7000-8000-000000000001', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1, 'x',
              '0190a000-0000-7000-8000-0000000000ff', 1)`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);

    // integer→text rebuilds the contact table; the check before commit finds the broken link.
    await expect(
      ws.deploy(changed(ws.model.documents, 'contact', (d) => (d.properties.rank = text()))),
    ).rejects.toMatchObject({
      code: 'reference_violation',
    });
    expect(ws.model.version).toBe(1);
    const [row] = await db.selectFrom('contact').select(['rank']).execute();
    expect(row?.rank).toBe(1);
    // A change that rebuilds nothing is not held up by the old problem elsewhere.
    await ws.deploy(changed(ws.model.documents, 'account', (d) => (d.properties.city = text())));
    expect(ws.model.version).toBe(2);
    await ws.close();
  });
});
