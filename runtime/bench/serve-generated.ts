/** Child process: the generated API over the bench workspace. Prints its URL on stdout. */
import { Workspace } from '@tessera/engine';
import { hashToken, silentLogger, startServer, WorkspaceRegistry } from '../src/index.js';
import { TOKEN } from './fixture.js';

const ws = await Workspace.open({ dataDir: process.argv[2] as string, workspace: 'bench' });
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
