/**
 * `tessera workspace create <name> --email <email>`: a new workspace (tenant) with its first admin and that
 * admin's first API token, both shown once. The same as `POST /api/v1/workspaces`, for the platform admin at
 * the machine. Other commands work on a workspace other than `default` with TESSERA_WORKSPACE=<name>.
 */
import { checkNewUser, TesseraError } from '@tessera/engine';
import { apiToken } from '@tessera/runtime';
import { argsOrHelp, type Command } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { newPassword } from '../new-password.js';
import { describeLocation, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera workspace create <name> --email <email> [--password <password>]

Creates the workspace <name> (its own SQLite file or PostgreSQL schema) with a first user, an admin, and an
API token for that user. Without --password a random one is made. The password and the token are printed
once; only their hashes are kept.

Options:
  --email <email>        the first admin's email
  --password <password>  their password (at least 10 characters); made up when left out
  -h, --help             show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

/** Refusals from the engine as lines a person reads: "password: must have at least 10 characters". */
function asCliError(error: unknown): unknown {
  if (!(error instanceof TesseraError)) return error;
  return new CliError(
    error.message,
    error.issues.map((i) => `${i.pointer.slice(1) || 'admin'}: ${i.message}`),
  );
}

export const workspace: Command = {
  name: 'workspace',
  summary: 'create a workspace with its first admin',
  usage,
  async run(args, io) {
    const parsed = argsOrHelp(args, { email: { type: 'string' }, password: { type: 'string' } }, usage, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [action, name, ...rest] = positionals;
    if (action !== 'create') throw new UsageError('the only action is "create"');
    if (!name || rest.length) throw new UsageError('name one workspace to create');
    if (!values.email) throw new UsageError('--email is required: the first admin signs in with it');
    const generated = values.password === undefined;
    const admin = {
      email: values.email,
      password: values.password ?? newPassword(),
      admin: true,
    };
    try {
      // Checked before anything is made: a refusal leaves no workspace behind.
      checkNewUser(admin, { objects: [] });
    } catch (error) {
      throw asCliError(error);
    }
    const env = workspaceEnv(io, name);
    const token = await withWorkspace(env, async (ws) => {
      if ((await ws.users.list()).length > 0)
        throw new CliError(`workspace "${name}" already exists (${describeLocation(env)})`);
      const user = await ws.users.create(admin, ws.model.documents);
      await ws.audit(null, 'workspace.created', { by: 'tessera workspace create', adminId: user.id });
      return (await ws.tokens.create({ name: 'first admin token' }, user.id)).secret;
    });
    io.out(`Created workspace "${name}" (${describeLocation(env)}).`);
    io.out(`Admin: ${admin.email}${generated ? `, password ${admin.password} (shown only now)` : ''}`);
    io.out(`Admin API token (shown only now): ${apiToken(name, token)}`);
    return EXIT.ok;
  },
};
