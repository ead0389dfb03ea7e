/**
 * Opens a workspace in a process of its own, on cue: `node --import tsx open-workspace-process.ts '<StorageOptions
 * as JSON>'` prints `ready` once loaded, opens the workspace when a line arrives on stdin, prints the platform
 * migrations it then finds recorded (JSON), and closes it. See open-together.ts.
 */
import { once } from 'node:events';
import { SCHEMA_MIGRATIONS } from '../src/store/migrations/migrate-platform.js';
import { Workspace } from '../src/workspace.js';

const options = JSON.parse(process.argv[2] as string);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const ws = await Workspace.open(options);
const rows = await ws.storage.db
  .selectFrom(SCHEMA_MIGRATIONS)
  .select(['version', 'name'])
  .orderBy('version')
  .execute();
process.stdout.write(`${JSON.stringify(rows)}\n`);
await ws.close();
process.stdin.destroy();
