/**
 * `tessera trash [list]` and `tessera trash purge <object> [<field>]`: what deletes left in the trash, and
 * dropping it for good after showing what goes.
 */
import type { PurgeOptions, PurgeResult, TrashEntry, Workspace } from '@tessera/engine';
import { APPLY_OPTIONS, argsOrHelp, type Command, confirmed } from '../command.js';
import { CliError, EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { table } from '../text-table.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera trash [list]
       tessera trash purge <object> [<field>] [--yes] [--dry-run]

Deleting an object or a field moves it to the trash with its data: restoring an earlier metadata version
brings it back. "list" shows what is in the trash. "purge" drops a deleted object's table with its records
(and its deleted fields), or a deleted field's values (the object still exists), for good, as a new metadata
version. A purged object or field can never come back: restoring a version that held it is refused.
Name the object or field by API name (the latest deletion of that name) or by id, as "list" shows them.

Options:
  -y, --yes       purge without asking (needed when stdin is not a terminal)
  -n, --dry-run   show what would be purged; nothing is changed
  -h, --help      show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL),
TESSERA_WORKSPACE (default: default).`;

function entryLines(entries: readonly TrashEntry[], objectName: (id: string) => string): string[] {
  const rows = [['kind', 'name', 'id', 'deleted in version', 'deleted at']];
  for (const e of entries)
    rows.push([
      e.kind,
      e.kind === 'field' ? `${objectName(e.objectId)}.${e.apiName}` : e.apiName,
      e.id,
      String(e.deletedVersion),
      e.deletedAt,
    ]);
  return table(rows);
}

/** A trashed field's object by its current name, or by the name it had when it was trashed with its object. */
async function objectNames(ws: Workspace): Promise<(id: string) => string> {
  const names = new Map([...ws.model.objects.values()].map((o) => [o.id, o.apiName]));
  for (const e of await ws.trash()) if (e.kind === 'object') names.set(e.id, e.apiName);
  return (id) => names.get(id) ?? id;
}

async function list(ws: Workspace, io: Io): Promise<number> {
  const entries = await ws.trash();
  if (!entries.length) {
    io.out('The trash is empty.');
    return EXIT.ok;
  }
  for (const line of entryLines(entries, await objectNames(ws))) io.out(line);
  return EXIT.ok;
}

async function purge(
  ws: Workspace,
  io: Io,
  target: [string, string | undefined],
  values: { yes: boolean; 'dry-run': boolean },
  workspaceName: string,
): Promise<number> {
  const [object, field] = target;
  const names = await objectNames(ws);
  const run = (options: PurgeOptions): Promise<PurgeResult> =>
    (field === undefined ? ws.purgeObject(object, options) : ws.purgeField(object, field, options)).catch(
      (e) => {
        throw fromEngineError(e);
      },
    );
  const planned = await run({ dryRun: true });
  io.out('Purge for good (the data cannot be restored afterwards):');
  for (const line of entryLines(planned.purged, names)) io.out(`  ${line}`);
  if (values['dry-run']) {
    io.err('Dry run: nothing was changed.');
    return EXIT.ok;
  }
  const what = field === undefined ? `object ${object}` : `field ${object}.${field}`;
  if (!(await confirmed(io, values.yes, `Purge ${what} from workspace "${workspaceName}" for good?`)))
    return EXIT.failed;
  const done = await run({ author: 'tessera trash purge' });
  io.out(`Purged: workspace "${workspaceName}" is now at metadata version ${done.version}.`);
  return EXIT.ok;
}

export const trash: Command = {
  name: 'trash',
  summary: 'list deleted objects and fields, or purge them for good',
  usage,
  async run(args, io) {
    const parsed = argsOrHelp(args, APPLY_OPTIONS, usage, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [action = 'list', ...rest] = positionals;
    if (action !== 'list' && action !== 'purge')
      throw new UsageError(`unknown action "${action}": use list or purge`);
    if (action === 'list' && rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (action === 'purge' && (rest.length < 1 || rest.length > 2))
      throw new UsageError('purge takes an object, or an object and one of its fields');
    const env = workspaceEnv(io);
    if (!mayExist(env))
      throw new CliError(`workspace "${env.workspace}" does not exist yet (${describeLocation(env)})`);
    return withWorkspace(env, (ws) =>
      action === 'list' ? list(ws, io) : purge(ws, io, [rest[0] as string, rest[1]], values, env.workspace),
    );
  },
};
