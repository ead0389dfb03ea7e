/**
 * Migration 0003 on a workspace at version 2 with work in its queue: every run and job kept as it was, the
 * tables then as a new workspace has them, and a run's jobs still found, retried and settled.
 */
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { dataSnapshot, platformSchemaSnapshot } from '../../../test/schema-snapshot.js';
import { labels } from '../../../test/test-migrations.js';
import { JOBS, RUNS } from '../../queue/queue-tables.js';
import { recordRuns } from '../../queue/record-runs.js';
import { retryDead } from '../../queue/retry-dead.js';
import { openStorage } from '../../storage/open-storage.js';
import type { Storage } from '../../storage/storage.js';
import { migratePlatform, SCHEMA_MIGRATIONS } from './migrate-platform.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

const T0 = Date.parse('2026-11-02T08:00:00Z');

describeEachDialect('platform migration 0003 (lean queue)', (env) => {
  const opened: Storage[] = [];
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
  });

  it('keeps every run and job of a version-2 workspace and leaves its tables as a new one has them', async () => {
    const storage = await openStorage({ ...env.location, workspace: `lean_${Date.now()}` });
    opened.push(storage);
    const migrate = (upTo: number) =>
      storage.migrate((db) => migratePlatform(db, env.dialect, PLATFORM_MIGRATIONS.slice(0, upTo)));
    await migrate(2);
    const [run] = await storage.transaction((trx) =>
      recordRuns(
        trx,
        env.dialect,
        [
          {
            automation: 'tell',
            object: 'ticket',
            recordId: null,
            trigger: 'create',
            depth: 0,
            actor: null,
            jobs: [
              { actionIndex: 0, type: 'webhook', payload: { n: 1 } },
              { actionIndex: 1, type: 'notify', payload: { n: 2 } },
            ],
          },
        ],
        T0,
      ),
    );
    const [dead] = run?.jobIds ?? [];
    await storage.db
      .updateTable(JOBS)
      .set({ status: 'dead' })
      .where('id', '=', dead as string)
      .execute();
    const before = await dataSnapshot({ storage });

    await migrate(3);
    expect(
      labels(await storage.db.selectFrom(SCHEMA_MIGRATIONS).select(['version', 'name']).execute()),
    ).toEqual(labels(PLATFORM_MIGRATIONS.slice(0, 3)));
    const after = await dataSnapshot({ storage });
    for (const table of [RUNS, JOBS]) expect(after[table]).toEqual(before[table]);
    // The later migrations too: then the tables are a new workspace's.
    await migrate(PLATFORM_MIGRATIONS.length);
    const fresh = await env.open();
    expect(await platformSchemaSnapshot({ storage })).toEqual(await platformSchemaSnapshot(fresh));

    // The run finds its jobs by the ids its actions name: retrying it by its id revives the dead one.
    expect(await retryDead(storage, run?.runId as string, T0 + 1000)).toBe(1);
    const statuses = await storage.db.selectFrom(JOBS).select(['id', 'status']).orderBy('id').execute();
    expect(statuses.map((j) => j.status)).toEqual(['pending', 'pending']);
  });
});
