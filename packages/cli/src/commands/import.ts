/**
 * `tessera import <object> <file>`: a CSV or XLSX file imported into an object here and now, in this process
 * (no upload cap), with a progress bar; every refused row goes to an errors file. `tessera import salesforce`
 * and `tessera import salesforce-data` are the Salesforce migration's commands, dispatched from here.
 */
import { createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DEFAULT_LOCALITY,
  type ImportFile,
  type ImportJobs,
  type ImportOptions,
  type ImportView,
  SYSTEM_SUBJECT,
} from '@tessera/engine';
import { heapForBulkWork } from '../bulk-heap.js';
import { argsOrHelp, type Command } from '../command.js';
import { CliError, EXIT, fromEngineError, UsageError } from '../errors.js';
import { importProgress, importSummary } from '../import-progress.js';
import type { Io } from '../io.js';
import { localeOf } from '../locale.js';
import { describeLocation, mayExist, withWorkspace, workspaceEnv } from '../workspace-env.js';

const usage = `Usage: tessera import <object> <file> [--mode insert|update|upsert] [--key <field>] [--dry-run]
                      [--no-atomic] [--date-order ymd|dmy|mdy] [--decimal-separator . or ,]
                      [--mapping <column>=<field>,…] [--encoding utf-8|gb18030] [--errors <file>]
                      [--rules enforce|report] [--locale <tag>]
       tessera import salesforce <sfdx project> --out <package dir>
       tessera import salesforce-data <dir>

Imports a CSV (any delimiter; UTF-8 with or without BOM, or GB18030) or XLSX file into the object, as the
platform: every field, no upload cap. Columns match fields by API name or label (any language), or by
--mapping; a lookup cell holds the linked record's id or name, or, in a column headed <lookup>.<field>, a
unique field's value. By default all rows or none are written; with --no-atomic the good rows are written
and the bad ones reported. Refused rows go to <file name>.errors.csv beside the file (or --errors).

Options:
  -m, --mode <mode>              insert (default), update or upsert
  -k, --key <field>              the unique field (or id, the default) update and upsert find records by
  -n, --dry-run                  check every row as a real import would; write nothing
      --no-atomic                write the good rows, in batches, and report the bad ones
      --date-order <order>       how 5/3/2024 reads: dmy, mdy (ymd: year first only)
      --decimal-separator <c>    "," when numbers are written 1.234,56
      --mapping <col=field,…>    which field a column fills (wins over names and labels)
      --encoding <name>          utf-8 or gb18030 (default: UTF-8, else GB18030 when it is not UTF-8)
      --errors <file>            where to write the refused rows (CSV)
      --rules <mode>             enforce (default): a row that breaks a validation or duplicate rule is
                                 refused; report: it is imported and the rules it breaks are listed
                                 (migration mode, for historical records)
      --locale <tag>             the language of row errors and refusals, en or zh-CN (default: from
                                 LC_ALL, LC_MESSAGES or LANG, else en)
  -w, --workspace <name>         the workspace (default: TESSERA_WORKSPACE, else "default")
  -h, --help                     show this help

Exit code 1 when the import failed (an atomic import with a bad row writes nothing and fails).
Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

const OPTIONS = {
  mode: { type: 'string', short: 'm' },
  key: { type: 'string', short: 'k' },
  'dry-run': { type: 'boolean', short: 'n', default: false },
  'no-atomic': { type: 'boolean', default: false },
  'date-order': { type: 'string' },
  'decimal-separator': { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
  errors: { type: 'string' },
  rules: { type: 'string' },
  locale: { type: 'string' },
  workspace: { type: 'string', short: 'w' },
} as const;

/** `a=b,c=d` → `{ a: "b", c: "d" }`: the first `=` of a pair ends the column (a field name has none). */
function mappingOf(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',').filter((p) => p.trim())) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--mapping takes column=field pairs, not "${pair}"`);
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return mapping;
}

/** A value the import checks itself (mode, date order…): passed on as given, when given. */
const given = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, never>>;

const errorsFileOf = (file: string) => join(dirname(file), `${basename(file, extname(file))}.errors.csv`);

async function writeErrors(jobs: ImportJobs, view: ImportView, path: string): Promise<void> {
  await pipeline(Readable.from(jobs.errorsCsv(SYSTEM_SUBJECT, view.id)), createWriteStream(path));
}

async function importFile(args: string[], io: Io): Promise<number> {
  const parsed = argsOrHelp(args, OPTIONS, usage, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const [object, fileArg, ...rest] = positionals;
  if (!object || !fileArg) throw new UsageError('name the object and the file to import');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const path = resolve(io.cwd, fileArg);
  await access(path).catch(() => {
    throw new CliError(`cannot read ${path}: no such file`);
  });
  const file: ImportFile = {
    path,
    fileName: basename(path),
    format: extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv',
    owned: false,
  };
  const options = {
    object,
    ...given('mode', values.mode),
    ...given('key', values.key),
    ...given('dateOrder', values['date-order']),
    ...given('decimalSeparator', values['decimal-separator']),
    ...given('encoding', values.encoding),
    ...given('rules', values.rules),
    ...(values.mapping !== undefined ? { mapping: mappingOf(values.mapping) } : {}),
    atomic: !values['no-atomic'],
    dryRun: values['dry-run'],
  } as ImportOptions;
  const locality = { ...DEFAULT_LOCALITY, locale: localeOf(values.locale, io.env) };
  const env = workspaceEnv(io, values.workspace);
  if (!mayExist(env))
    throw new CliError(`workspace "${env.workspace}" does not exist (${describeLocation(env)})`);
  heapForBulkWork();
  return withWorkspace(env, async (ws) => {
    const jobs: ImportJobs = ws.imports;
    const progress = importProgress(io);
    let view: ImportView;
    try {
      view = await jobs.run(SYSTEM_SUBJECT, file, options, (v) => progress.update(v), locality);
    } catch (e) {
      throw fromEngineError(e);
    } finally {
      progress.stop();
    }
    for (const line of importSummary(view)) io.out(line);
    if (view.errors.length) {
      const errors = values.errors === undefined ? errorsFileOf(path) : resolve(io.cwd, values.errors);
      await writeErrors(jobs, view, errors);
      io.out(
        `${view.rules === 'report' ? 'Refused rows and the rules imported rows break' : 'Refused rows'}: ${errors}`,
      );
      for (const e of view.errors.slice(0, 5))
        io.err(`  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message} [${e.code}]`);
    }
    return view.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  });
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a CSV or XLSX file into an object; Salesforce metadata and data',
  usage,
  async run(args, io) {
    const [first, ...rest] = args;
    // Loaded only when asked for: the Salesforce converter is a large module every other command would pay for.
    if (first === 'salesforce') return (await import('./import-salesforce.js')).runImportSalesforce(rest, io);
    if (first === 'salesforce-data')
      return (await import('./import-salesforce-data.js')).runImportSalesforceData(rest, io);
    return importFile(args, io);
  },
};
