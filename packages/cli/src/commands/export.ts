/**
 * `tessera export <object>`: every record of an object (or those a filter matches) as a CSV or XLSX file,
 * read a page at a time, to a file or to stdout. As the platform itself: every record and field.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  type PreparedExport,
  prepareExport,
  SYSTEM_SUBJECT,
} from '@tessera/engine';
import { argsOrHelp, type Command } from '../command.js';
import { CliError, EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera export <object> [--format csv|xlsx] [--out <file>] [--filter <json>] [--sort <fields>]
                      [--fields <a,b,…>]

Writes every record of the object as a file: a column per field, headed by its API name, "id" first; a
lookup as two columns, <field> with the linked record's name (a user's e-mail) and <field>.id with its id.
Money is exact, dates ISO (datetimes in UTC); a cell starting with =, +, -, @ gets a leading ' so a
spreadsheet never runs it. CSV is UTF-8 with a byte order mark (Excel reads it right).

Options:
  -f, --format <csv|xlsx>  the file's format (default: by --out's extension, else csv)
  -o, --out <file>         where to write it (default: stdout; XLSX needs a file when stdout is a terminal)
      --filter <json>      only the records this filter matches: {"stage":{"eq":"won"}}, as GET /data takes
      --sort <fields>      the order: --sort=-created_at,name (default: by id)
      --fields <a,b,…>     only these fields (default: all of them)
  -w, --workspace <name>   the workspace (default: TESSERA_WORKSPACE, else "default")
  -h, --help               show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  filter: { type: 'string' },
  sort: { type: 'string' },
  fields: { type: 'string' },
  workspace: { type: 'string', short: 'w' },
} as const;

function formatOf(format: string | undefined, out: string | undefined): ExportFormat {
  const wanted = format ?? (out && extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
  if (!EXPORT_FORMATS.includes(wanted as ExportFormat))
    throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}, not "${wanted}"`);
  return wanted as ExportFormat;
}

function filterOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--filter is not valid JSON: ${(e as Error).message}`);
  }
}

/** Into a file beside the target, renamed into place once whole: a failed export leaves no half file. */
async function toFile(prepared: PreparedExport, path: string): Promise<number> {
  const partial = `${path}.part`;
  try {
    const count = await prepared.writeTo(createWriteStream(partial));
    await rename(partial, path);
    return count;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Onto stdout, which stays open (the export ends its own stream, never the process's). */
async function toStream(prepared: PreparedExport, out: Writable): Promise<number> {
  const pass = new PassThrough();
  pass.pipe(out, { end: false });
  const drained = once(pass, 'end');
  const count = await prepared.writeTo(pass);
  await drained;
  return count;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the records of an object to a CSV or XLSX file',
  usage,
  async run(args, io: Io) {
    const parsed = argsOrHelp(args, OPTIONS, usage, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [object, ...rest] = positionals;
    if (!object) throw new UsageError('name the object to export');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const format = formatOf(values.format, values.out);
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
    if (!out && !io.stdout) throw new UsageError('name the file to write with --out');
    if (!out && format === 'xlsx' && (io.stdout as { isTTY?: boolean }).isTTY)
      throw new UsageError('XLSX is not for a terminal: name the file to write with --out');
    const options: ExportOptions = {
      format,
      ...(values.filter !== undefined ? { filter: filterOf(values.filter) } : {}),
      ...(values.sort !== undefined ? { sort: values.sort } : {}),
      ...(values.fields !== undefined
        ? {
            fields: values.fields
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean),
          }
        : {}),
    };
    const env = workspaceEnv(io, values.workspace);
    if (!mayExist(env))
      throw new CliError(`workspace "${env.workspace}" does not exist (${describeLocation(env)})`);
    const count = await withWorkspace(env, async (ws) => {
      const prepared = await prepareExport(
        { access: ws.accessFor(SYSTEM_SUBJECT), records: ws.records },
        object,
        options,
      ).catch((e) => {
        throw fromEngineError(e);
      });
      return out ? toFile(prepared, out) : toStream(prepared, io.stdout as Writable);
    });
    io.err(`Exported ${count} ${object} record${count === 1 ? '' : 's'}${out ? ` to ${out}` : ''}.`);
    return EXIT.ok;
  },
};
