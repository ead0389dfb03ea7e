import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { object, set } from '../../../test/documents.js';
import { Workspace } from '../../workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Frames in the log, and how many of them are in the database file, after a checkpoint with nothing to wait for. */
async function log(ws: Workspace) {
  const { rows } = await sql<{ log: number; checkpointed: number }>`pragma wal_checkpoint(PASSIVE)`.execute(
    ws.storage.db,
  );
  return rows[0];
}

describe('SQLite write-ahead log', () => {
  it('is checkpointed in the background after a large transaction, so the log starts over', async () => {
    const ws = await Workspace.open({ dataDir: dir, workspace: 'wal' });
    await ws.deploy(set(object('lead', {})));
    await ws.records.insertMany(
      'lead',
      Array.from({ length: 5000 }, (_, i) => ({ name: `Lead ${i}` })),
    );
    // The worker has copied the log into the database: the next write starts the log again from its beginning.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await ws.records.insert('lead', { name: 'one more' });
    expect((await log(ws))?.log).toBeLessThan(20);
    expect(await ws.records.count('lead')).toBe(5001);
    await ws.close();
  });
});
