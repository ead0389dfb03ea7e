/** `tessera uninstall <package>`: removes an installed package's documents, after showing the plan. */
import { parseArgs } from 'node:util';
import { countNoun, uninstallPackage } from '@tessera/engine';
import { APPLY_OPTIONS, type Command, confirmed } from '../command.js';
import { CliError, EXIT, fromEngineError, UsageError } from '../errors.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';
import { planLines } from './deploy.js';

const usage = `Usage: tessera uninstall <package> [--yes] [--dry-run] [--force]

Removes an installed package from the workspace: its objects, layouts, list views, rules and permission sets,
in one transaction as a new metadata version. Refused while another installed package depends on it, and
while its objects hold records unless --force is given: then the objects go to the trash with their records,
and restoring the metadata version before the uninstall brings everything back.

Options:
  -y, --yes       apply without asking (needed when stdin is not a terminal)
  -n, --dry-run   print the plan only; nothing is changed
  -f, --force     uninstall although its objects hold records
  -h, --help      show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

export const uninstall: Command = {
  name: 'uninstall',
  summary: 'remove an installed package (plan, confirm, apply)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...APPLY_OPTIONS, force: { type: 'boolean', short: 'f', default: false } },
    });
    if (values.help) {
      io.out(usage);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('name one installed package');
    const name = positionals[0] as string;
    const env = workspaceEnv(io);
    if (!mayExist(env))
      throw new CliError(`workspace "${env.workspace}" does not exist yet (${describeLocation(env)})`);
    const dryRun = values['dry-run'];
    return withWorkspace(env, async (ws) => {
      const force = values.force;
      const planned = await uninstallPackage(ws, name, { dryRun: true, force }).catch((e) => {
        throw fromEngineError(e);
      });
      io.out(
        `Uninstall ${name} ${planned.version} (${countNoun(planned.changes.length, 'change', 'changes')}):`,
      );
      for (const line of planLines(planned.changes)) io.out(line);
      for (const [object, n] of Object.entries(planned.records))
        io.out(`${object}: ${n} records go to the trash with their object`);
      if (dryRun) {
        io.err('Dry run: nothing was changed.');
        return EXIT.ok;
      }
      if (!(await confirmed(io, values.yes, `Uninstall ${name} from workspace "${env.workspace}"?`)))
        return EXIT.failed;
      const result = await uninstallPackage(ws, name, {
        force,
        baseVersion: planned.metadataVersion,
        author: 'tessera uninstall',
      }).catch((e) => {
        throw fromEngineError(e);
      });
      io.out(
        `Uninstalled ${name}: workspace "${env.workspace}" is now at metadata version ${result.metadataVersion}.`,
      );
      return EXIT.ok;
    });
  },
};
