/**
 * `tessera start`: opens the default workspace, installs the example templates into a new one, prints what
 * is there, and serves the studio and the HTTP API until it is told to stop (SIGINT, SIGTERM), shutting down gracefully.
 */
import { join, relative } from 'node:path';
import { installPackage, type Workspace } from '@tessera/engine';
import {
  ADMIN_TOKEN_FILE,
  type AdminToken,
  createLogger,
  type LogLevel,
  logLevelFrom,
  maxUploadBytes,
  resolveAdminToken,
  startServer,
  WorkspaceRegistry,
} from '@tessera/runtime';
import { type Command, noArgumentsOrHelp } from '../command.js';
import { EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { ensureCanListen, type ListenAddress, listenAddress, listenProblem } from '../listen-address.js';
import { newPassword } from '../new-password.js';
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

Checks that it can listen on HOST:PORT, then opens the workspace "default" (created if needed). A workspace
without users gets the admin user admin@tessera.local; on first start, when it has no objects, every example
template under examples/ is deployed into it. Then prints its objects with their field and record counts, and
where the data lives.

Then serves the studio at http://HOST:PORT/, the HTTP API (records, metadata, users) at /api/v1 and its
reference at /docs until stopped with Ctrl-C or SIGTERM; requests in flight finish before it exits.
The admin's password and the platform admin's API token are printed as soon as they are made and again once
the server is ready; they are shown only then. A lost password is replaced with
tessera users reset-password <email>.

Logs go to stderr: readable lines on a terminal, one JSON object per line otherwise. On a terminal requests
are not listed (LOG_LEVEL=debug lists them); elsewhere every request is (one line each).

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL),
PORT (default 4000), HOST (default 127.0.0.1), TESSERA_ADMIN_TOKEN (the platform admin's API token; without
it the first start makes one and shows it once), LOG_LEVEL (debug, info, warn, error or silent; default info
on a terminal, debug otherwise), TESSERA_MAX_UPLOAD_MB (the largest file POST /imports takes; default 100;
uploads wait under TESSERA_DATA_DIR/imports until their import ends).`;

function logLevelOf(io: Io): LogLevel | undefined {
  try {
    return logLevelFrom(io.env.LOG_LEVEL);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

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
  const password = newPassword();
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

/** The once-only secrets of this start, as lines to print; none on a start that made nothing. */
function credentialLines(workspace: string, firstAdmin: FirstAdmin | undefined, token: AdminToken): string[] {
  const lines: string[] = [];
  if (firstAdmin)
    lines.push(
      `Sign in to workspace "${workspace}" as ${firstAdmin.email} with the password ${firstAdmin.password} (shown only at this start; change it)`,
    );
  if (token.created)
    lines.push(
      `Platform admin API token, shown only at this start (send it as "Authorization: Bearer <token>"): ${token.created}`,
    );
  return lines;
}

interface ServeOptions {
  address: ListenAddress;
  token: AdminToken;
  logLevel: LogLevel | undefined;
  credentials: string[];
  trustProxy: boolean;
}

/** The name of the first SIGINT or SIGTERM this process gets. */
const untilSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

/** Serves until stopped (SIGINT, SIGTERM, or as the Io says), then lets requests in flight finish. */
async function serve(ws: Workspace, io: Io, options: ServeOptions): Promise<number> {
  const env = workspaceEnv(io);
  const { workspace: _, ...location } = env;
  const workspaces = new WorkspaceRegistry(env.workspace, ws, location);
  const log = createLogger({
    write: (line) => io.err(line),
    pretty: io.errIsTerminal,
    // A person at a terminal sees what needs them; a log collector gets every request.
    level: options.logLevel ?? (io.errIsTerminal ? 'info' : 'debug'),
  });
  const server = await startServer({
    workspaces,
    adminTokenHash: options.token.hash,
    log,
    ...options.address,
    trustProxy: options.trustProxy,
    // Uploaded import files wait in the data folder until their import ends.
    imports: { dir: join(env.dataDir, 'imports'), maxBytes: maxUploadBytes(io.env) },
  }).catch(async (error) => {
    await workspaces.close();
    throw listenProblem(error, options.address);
  });
  io.out('Tessera is ready (Ctrl-C to stop):');
  io.out(`  Studio    ${server.url}/  (sign in to workspace "${env.workspace}")`);
  io.out(`  API       ${server.url}/api/v1`);
  io.out(`  API docs  ${server.url}/docs`);
  if (options.credentials.length) {
    io.out('');
    for (const line of options.credentials) io.out(line);
  } else if (!io.env.TESSERA_ADMIN_TOKEN)
    io.out(
      `Platform admin API token: the one shown at first start (or set TESSERA_ADMIN_TOKEN; delete ${ADMIN_TOKEN_FILE} in the data folder to make a new one). A lost password: tessera users reset-password <email>.`,
    );
  const signal = await (io.untilStopped?.() ?? untilSignal());
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
    const address = listenAddress(io);
    const logLevel = logLevelOf(io);
    const trustsProxy = trustProxy(io);
    // Before anything is made: credentials shown by a start that then cannot listen would be lost.
    await ensureCanListen(address);
    io.err(`Opening workspace "${env.workspace}" (${describeLocation(env)})…`);
    return withWorkspace(env, async (ws) => {
      const firstStart = ws.model.objects.size === 0;
      // The admin first: the sample records are theirs, as records an admin made would be.
      const firstAdmin = await ensureFirstAdmin(ws);
      const token = resolveAdminToken(io.env.TESSERA_ADMIN_TOKEN, env.dataDir);
      const credentials = credentialLines(env.workspace, firstAdmin, token);
      // At once, in case the installs below fail; again when the server is ready, below its progress.
      for (const line of credentials) io.out(line);
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
      return serve(ws, io, { address, token, logLevel, credentials, trustProxy: trustsProxy });
    });
  },
};
