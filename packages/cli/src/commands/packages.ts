/** `tessera packages`: the packages installed in the workspace, their versions and what each owns. */
import { packageSummaries } from '@tessera/engine';
import { type Command, noArgumentsOrHelp } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { english, table } from '../text-table.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera packages

Lists the packages installed in the workspace: name, version, label, the packages each depends on, and how
many documents of each kind it owns (objects, layouts, list views, rules, roles, permission sets), and the
fields it adds to its dependencies' objects.

Options:
  -h, --help  show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

export const packages: Command = {
  name: 'packages',
  summary: 'list the installed packages',
  usage,
  async run(args, io) {
    if (!noArgumentsOrHelp(args, usage, io)) return EXIT.ok;
    const env = workspaceEnv(io);
    if (!mayExist(env))
      throw new CliError(`workspace "${env.workspace}" does not exist yet (${describeLocation(env)})`);
    const installed = await withWorkspace(env, async (ws) => packageSummaries(ws));
    if (!installed.length) {
      io.out(`No packages are installed in workspace "${env.workspace}".`);
      return EXIT.ok;
    }
    const rows = [['package', 'version', 'label', 'depends on', 'owns']];
    for (const p of installed)
      rows.push([
        p.name,
        p.version,
        english(p.label) ?? '',
        Object.entries(p.dependencies)
          .map(([name, range]) => `${name} ${range}`)
          .join(', ') || '—',
        Object.entries(p.owns)
          .map(([kind, names]) => `${names.length} ${kind.replace('_', ' ')}${names.length === 1 ? '' : 's'}`)
          .join(', '),
      ]);
    for (const line of table(rows)) io.out(line);
    return EXIT.ok;
  },
};
