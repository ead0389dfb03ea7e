/**
 * A runtime in a process of its own whose job worker delivers webhooks (private addresses allowed, for a
 * receiver in the test process): `tsx queue-process.ts <where> <workspace> <leaseMs> <pollMs> [<n> <url>]`,
 * where is a PostgreSQL URL or an SQLite data dir. With `n` and `url`, it first queues n webhook jobs to url,
 * as committed writes would. It prints one line of JSON, `{ url, jobIds }`, once serving. With
 * `QUEUE_PROCESS_WAIT=1` it loads, then waits for a line on stdin before it opens the workspace: a test starts
 * the next runtime while the previous one still runs, and lets it begin after that one was killed.
 */
import { recordRuns, Workspace } from '@tessera/engine';
import { hashToken, silentLogger, startServer, WorkspaceRegistry } from '../src/index.js';
import { TOKEN } from './server.js';

const [where, workspace, leaseMs, pollMs, count, target] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
  string?,
];
if (process.env.QUEUE_PROCESS_WAIT === '1')
  await new Promise((resolve) => process.stdin.once('data', resolve));
const location = /^postgres(ql)?:\/\//.test(where)
  ? { databaseUrl: where, dataDir: '.' }
  : { dataDir: where };
const ws = await Workspace.open({ ...location, workspace });
const jobIds: string[] = [];
// In transactions of 100 runs, as as many writes would have queued them.
for (let done = 0; done < Number(count ?? 0); done += 100) {
  const runs = Array.from({ length: Math.min(100, Number(count) - done) }, (_, i) => ({
    automation: 'tell_erp',
    object: 'account',
    recordId: null,
    trigger: 'create' as const,
    depth: 0,
    actor: null,
    jobs: [
      {
        actionIndex: 0,
        type: 'webhook',
        payload: {
          url: target,
          secret: 'a-secret-of-at-least-16',
          body: { event: 'record.created', object: 'account', n: done + i },
        },
      },
    ],
  }));
  const recorded = await ws.storage.transaction((trx) =>
    recordRuns(trx, ws.storage.dialect, runs, Date.now()),
  );
  jobIds.push(...recorded.flatMap((r) => r.jobIds));
}
const server = await startServer({
  workspaces: new WorkspaceRegistry('default', ws, location),
  adminTokenHash: hashToken(TOKEN),
  log: silentLogger,
  port: 0,
  host: '127.0.0.1',
  jobs: { leaseMs: Number(leaseMs), pollMs: Number(pollMs), env: { TESSERA_WEBHOOK_ALLOW_PRIVATE: '1' } },
});
process.stdout.write(`${JSON.stringify({ url: server.url, jobIds })}\n`);
process.once('SIGTERM', async () => {
  await server.close();
  await ws.close();
  process.exit(0);
});
