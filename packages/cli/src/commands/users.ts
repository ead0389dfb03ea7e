/**
 * `tessera users reset-password <email>`: a new password for a user, made at the machine, for when the person
 * who could change it through the studio is the one who lost theirs (the first admin, whose password the first
 * start showed once).
 */
import { argsOrHelp, type Command } from '../command.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { newPassword } from '../new-password.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera users reset-password <email> [--workspace <name>]

Gives the user with this email a new random password and prints it once; only its hash is kept. The user's
studio sessions end, so whoever signed in with the old password is signed out. For an admin who lost their
password (the first start shows the first admin's only once), without needing the API.

Options:
  -w, --workspace <name>  the user's workspace (default: TESSERA_WORKSPACE, else "default")
  -h, --help              show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

export const users: Command = {
  name: 'users',
  summary: 'reset a user’s password from the machine',
  usage,
  async run(args, io) {
    const parsed = argsOrHelp(args, { workspace: { type: 'string', short: 'w' } }, usage, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [action, email, ...rest] = positionals;
    if (action !== 'reset-password') throw new UsageError('the only action is "reset-password"');
    if (!email || rest.length) throw new UsageError('name the email of one user');
    const env = workspaceEnv(io, values.workspace);
    if (!mayExist(env))
      throw new CliError(`workspace "${env.workspace}" does not exist (${describeLocation(env)})`);
    const password = newPassword();
    const user = await withWorkspace(env, async (ws) => {
      const wanted = email.trim().toLowerCase();
      const found = (await ws.users.list()).find((u) => u.email === wanted);
      if (!found) throw new CliError(`workspace "${env.workspace}" has no user with the email ${email}`);
      // The engine ends the user's sessions when their password changes.
      const updated = await ws.users.update(found.id, { password }, ws.model.documents);
      await ws.audit(null, 'user.updated', {
        userId: updated.id,
        fields: ['password'],
        by: 'tessera users reset-password',
      });
      return updated;
    });
    io.out(
      `New password for ${user.email} in workspace "${env.workspace}": ${password} (shown only now; their sessions were ended)`,
    );
    if (!user.active)
      io.err(`note: ${user.email} is deactivated and cannot sign in until an admin activates them`);
    return EXIT.ok;
  },
};
