/**
 * `tessera start`: opens the default workspace, installs the example templates into a new one, prints what
 * is there, and serves the HTTP API until it is told to stop (SIGINT, SIGTERM), shutting down gracefully.
 */
import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { installPackage, type Workspace } from '@tessera/engine';
import {
  ADMIN_TOKEN_FILE,
  jsonLogger,
  resolveAdminToken,
  startServer,
  WorkspaceRegistry,
} from '@tessera/runtime';
import { type Command, noArgumentsOrHelp } from '../command.js';
import { EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import {
  findPackages,
  inDependencyOrder,
  packageFileOf,
  packageSource,
  readPackage,
} from '../package-folder.js';
import { EXAMPLES_DIR } from '../paths.js';
import { english, table } from '../text-table.js';
import { describeLocation, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera start

Opens the workspace "default" (created if needed). On first start, when it has no objects, every example
template under examples/ is deployed into it. Then prints its objects with their field and record counts,
and where the data lives.

Then serves the HTTP API (CONTRACT §4–5) at http://HOST:PORT/api/v1 until stopped with Ctrl-C or SIGTERM;
requests in flight finish before it exits.

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL),
PORT (default 4000), HOST (default 127.0.0.1), TESSERA_ADMIN_TOKEN (the platform admin's API token; without
it the first start makes one and shows it once).`;

/** Installs every example template; `owner` owns their sample records (the first admin). */
async function installExamples(ws: Workspace, io: Io, owner: string | undefined): Promise<string[]> {
  const folders = await findPackages(EXAMPLES_DIR);
  const packages = inDependencyOrder(await Promise.all(folders.map(readPackage)));
  const installed: string[] = [];
  for (const pkg of packages) {
    const { name, version } = pkg.manifest;
    for (const w of pkg.warnings) io.err(`warning: ${w}`);
    io.err(`Installing example template ${name} ${version}…`);
    const options = { author: 'tessera start', ...(owner ? { owner } : {}) };
    const result = await installPackage(ws, packageSource(pkg), options).catch((e) => {
      throw fromEngineError(e, packageFileOf(pkg));
    });
    const records = Object.values(result.seeded).reduce((a, b) => a + b, 0);
    installed.push(`${name} ${version} (${records} sample records)`);
  }
  return installed;
}

async function countRecords(ws: Workspace, table: string): Promise<number> {
  const row = await ws.storage.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const FIRST_ADMIN_EMAIL = 'admin@tessera.local';

interface FirstAdmin {
  id: string;
  email: string;
  password: string;
}

/** A workspace without users gets an admin with a random password, shown once; never an open server. */
async function ensureFirstAdmin(ws: Workspace): Promise<FirstAdmin | undefined> {
  if ((await ws.users.list()).length > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  const user = await ws.users.create(
    { email: FIRST_ADMIN_EMAIL, name: 'Admin', password, admin: true },
    ws.model.documents,
  );
  return { id: user.id, email: FIRST_ADMIN_EMAIL, password };
}

/** `TESSERA_TRUST_PROXY=1`: the server is behind a TLS-terminating proxy whose X-Forwarded-* headers count. */
function trustProxy(io: Io): boolean {
  const value = (io.env.TESSERA_TRUST_PROXY ?? '').toLowerCase();
  if (['', '0', 'false'].includes(value)) return false;
  if (['1', 'true'].includes(value)) return true;
  throw new UsageError(
    `TESSERA_TRUST_PROXY must be 1 or true (or unset), not "${io.env.TESSERA_TRUST_PROXY}"`,
  );
}

/** Serves until SIGINT or SIGTERM, then lets requests in flight finish. */
async function serve(ws: Workspace, io: Io, firstAdmin: FirstAdmin | undefined): Promise<number> {
  const port = Number(io.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT must be a port number, not "${io.env.PORT}"`);
  const env = workspaceEnv(io);
  const token = resolveAdminToken(io.env.TESSERA_ADMIN_TOKEN, env.dataDir);
  const { workspace: _, ...location } = env;
  const workspaces = new WorkspaceRegistry(env.workspace, ws, location);
  const server = await startServer({
    workspaces,
    adminTokenHash: token.hash,
    log: jsonLogger((line) => io.err(line)),
    port,
    host: io.env.HOST || '127.0.0.1',
    trustProxy: trustProxy(io),
  });
  io.out(`Tessera is serving at ${server.url}/api/v1 (Ctrl-C to stop)`);
  if (firstAdmin)
    io.out(
      `Sign in to workspace "${env.workspace}" as ${firstAdmin.email} with the password ${firstAdmin.password} (shown only now; change it)`,
    );
  if (token.created)
    io.out(`Admin API token, shown only now (send it as "Authorization: Bearer <token>"): ${token.created}`);
  else if (!io.env.TESSERA_ADMIN_TOKEN)
    io.out(
      `Admin API token: the one shown at first start (or set TESSERA_ADMIN_TOKEN; delete ${ADMIN_TOKEN_FILE} to make a new one)`,
    );
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  io.err(`${signal}: finishing requests in flight…`);
  await server.close();
  await workspaces.close();
  return EXIT.ok;
}

export const start: Command = {
  name: 'start',
  summary: 'serve the HTTP API on the default workspace (installs the examples on first start)',
  usage,
  async run(args, io) {
    if (!noArgumentsOrHelp(args, usage, io)) return EXIT.ok;
    const env = workspaceEnv(io);
    io.err(`Opening workspace "${env.workspace}" (${describeLocation(env)})…`);
    return withWorkspace(env, async (ws) => {
      const firstStart = ws.model.objects.size === 0;
      // The admin first: the sample records are theirs, as records an admin made would be.
      const firstAdmin = await ensureFirstAdmin(ws);
      const installed = firstStart ? await installExamples(ws, io, firstAdmin?.id) : [];
      const model = ws.model;
      const rows = [['object', 'label', 'fields', 'records']];
      for (const object of model.objects.values()) {
        const o = object.document['x-tessera'];
        rows.push([
          object.apiName,
          english(o.label) ?? object.document.title ?? '',
          String(object.fields.size),
          String(await countRecords(ws, object.apiName)),
        ]);
      }
      io.out(`Tessera workspace "${env.workspace}" — metadata version ${model.version}`);
      io.out(`Data: ${describeLocation(env)}`);
      if (firstStart)
        io.out(
          installed.length
            ? `Installed example templates: ${installed.join(', ')}`
            : `No example templates found under ${relative(io.cwd, EXAMPLES_DIR) || EXAMPLES_DIR}`,
        );
      io.out('');
      if (model.objects.size) for (const line of table(rows)) io.out(`  ${line}`);
      else io.out('  (no objects yet: deploy a package with tessera deploy <folder>)');
      io.out('');
      return serve(ws, io, firstAdmin);
    });
  },
};
