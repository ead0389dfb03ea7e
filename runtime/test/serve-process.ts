/**
 * A runtime in a process of its own: `tsx serve-process.ts <where> <workspace>`, where is a PostgreSQL URL or
 * an SQLite data dir. It serves the workspace as the default one, and may create others at the same place.
 */
import { Workspace } from '@tessera/engine';
import { hashToken, silentLogger, startServer, WorkspaceRegistry } from '../src/index.js';
import { TOKEN } from './server.js';

const [where, workspace] = process.argv.slice(2) as [string, string];
const location = /^postgres(ql)?:\/\//.test(where)
  ? { databaseUrl: where, dataDir: '.' }
  : { dataDir: where };
const ws = await Workspace.open({ ...location, workspace });
const server = await startServer({
  workspaces: new WorkspaceRegistry('default', ws, location),
  adminTokenHash: hashToken(TOKEN),
  log: silentLogger,
  port: 0,
  host: '127.0.0.1',
});
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', async () => {
  await server.close();
  await ws.close();
  process.exit(0);
});
