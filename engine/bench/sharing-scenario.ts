/**
 * Scenario 4: record-level sharing. 100,000 private records owned by 100 users in a five-level role
 * hierarchy (ceo → vp → director → manager → rep, ten branches), written in the interleaved order people make
 * them, plus explicit shares. A manager reaches their own records and their nine reps' (10%) and a few shared
 * ones. The same list and get calls run as that manager and as an admin; the manager's must stay within 1.5×.
 */

import { sql } from 'kysely';
import type { DialectName, RecordApi, Workspace } from '../src/index.js';
import { subjectOf } from '../src/index.js';
import type { DocumentSet, RoleDocument } from '../src/metadata/types.js';
import { perCall } from './alternating.js';
import { ORDER_DOCUMENTS, orderRecords } from './bench-order.js';
import { atMostTimesBaseline, ms, type Result } from './table.js';
import { withWorkspace } from './workspaces.js';

const BRANCHES = 10;
const USERS_PER_BRANCH = 10; // one manager and nine reps
const RECORDS = 100_000;
const BATCH = 20;
const SHARES = 500;
const TARGET_RATIO = 1.5;

function documents(): DocumentSet {
  const roles: RoleDocument[] = [{ kind: 'role', apiName: 'ceo' }];
  for (let b = 0; b < BRANCHES; b++) {
    roles.push({ kind: 'role', apiName: `vp_${b}`, parent: 'ceo' });
    roles.push({ kind: 'role', apiName: `director_${b}`, parent: `vp_${b}` });
    roles.push({ kind: 'role', apiName: `manager_${b}`, parent: `director_${b}` });
    roles.push({ kind: 'role', apiName: `rep_${b}`, parent: `manager_${b}` });
  }
  return {
    ...ORDER_DOCUMENTS,
    roles,
    permissionSets: [
      {
        kind: 'permission_set',
        apiName: 'sales',
        objects: { bench_order: { read: true, create: true, edit: true, delete: true } },
      },
    ],
  };
}

interface Setup {
  admin: RecordApi;
  manager: RecordApi;
  /** Ids the manager can see, to get one by one. */
  visible: string[];
}

async function populate(ws: Workspace): Promise<Setup> {
  await ws.deploy(documents());
  const users = [];
  for (let b = 0; b < BRANCHES; b++)
    for (let u = 0; u < USERS_PER_BRANCH; u++)
      users.push(
        await ws.users.create(
          {
            email: `u${b}_${u}@bench.example`,
            role: u === 0 ? `manager_${b}` : `rep_${b}`,
            permissionSets: ['sales'],
          },
          ws.model.documents,
        ),
      );
  // Round-robin batches: every owner's records are spread across the whole id (time) range.
  const records = orderRecords(RECORDS);
  for (let i = 0, owner = 0; i < RECORDS; i += BATCH, owner = (owner + 1) % users.length)
    await ws.records.insertMany('bench_order', records.slice(i, i + BATCH), {
      userId: users[owner]?.id ?? null,
    });
  const manager = users[0];
  if (!manager) throw new Error('no users');
  const managerApi = ws.recordsFor(subjectOf(manager));
  // Records of other branches shared with the manager's role, spread over the table.
  const others = await ws.records.list('bench_order', {
    limit: 500,
    sort: '-code',
    filter: { owner_id: { nin: users.slice(0, USERS_PER_BRANCH).map((u) => u.id) } },
  });
  for (const record of others.slice(0, SHARES)) {
    const ownerOf = users.find((u) => u.id === record.owner_id);
    if (ownerOf)
      await ws
        .recordsFor(subjectOf(ownerOf))
        .share('bench_order', record.id as string, { role: 'manager_0', access: 'read' });
  }
  // Statistics as the workspace's hourly optimize (SQLite) or autovacuum (PostgreSQL) would have them by now.
  await ws.storage.optimize();
  if (ws.storage.dialect === 'postgres') await sql`analyze`.execute(ws.storage.db);
  const visible = (await managerApi.list('bench_order', { limit: 500 })).map((r) => r.id as string);
  const everyone = await ws.records.count('bench_order');
  const reached = await managerApi.count('bench_order');
  process.stderr.write(`bench: sharing: the manager reaches ${reached} of ${everyone} records\n`);
  return {
    admin: ws.recordsFor({ userId: null, admin: true, role: null, permissionSets: [] }),
    manager: managerApi,
    visible,
  };
}

async function measure(dialect: DialectName): Promise<Result[]> {
  return withWorkspace(dialect, 'sharing', async (ws) => {
    const { admin, manager, visible } = await populate(ws);
    // The targets are list and get; "newest first" is shown for what it is (see docs/access.md).
    const calls: [string, (api: RecordApi) => (i: number) => Promise<unknown>, boolean][] = [
      ['list 50, default order', (api) => () => api.page('bench_order', { limit: 50 }), true],
      ['get by id', (api) => (i) => api.get('bench_order', visible[i % visible.length] as string), true],
      [
        'list 50, newest first',
        (api) => () => api.page('bench_order', { limit: 50, sort: '-created_at' }),
        false,
      ],
    ];
    const results: Result[] = [];
    for (const [label, call, targeted] of calls) {
      const [baseline, measured] = await perCall(call(admin), call(manager));
      results.push({
        scenario: `sharing [${dialect}]: ${label}, manager reaching 10% of 100k (baseline: admin)`,
        measured: ms(measured),
        baseline: ms(baseline),
        ...(targeted ? { target: atMostTimesBaseline(TARGET_RATIO) } : {}),
      });
    }
    return results;
  });
}

export async function sharingScenario(postgresUnavailable: string | undefined): Promise<Result[]> {
  const sqlite = await measure('sqlite');
  if (postgresUnavailable)
    return [...sqlite, { scenario: 'sharing [postgres]', skipped: postgresUnavailable }];
  return [...sqlite, ...(await measure('postgres'))];
}
