/** A runtime in a process of its own, on a given PostgreSQL workspace: `tsx serve-process.ts <url> <workspace>`. */
import { Workspace } from '@tessera/engine';
import { hashToken, silentLogger, startServer, WorkspaceRegistry } from '../src/index.js';
import { TOKEN } from './server.js';

const [databaseUrl, workspace] = process.argv.slice(2) as [string, string];
const ws = await Workspace.open({ databaseUrl, workspace, dataDir: '.' });
const server = await startServer({
  workspaces: new WorkspaceRegistry('default', ws),
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
