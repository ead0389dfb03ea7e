/**
 * `tessera import salesforce-data <dir>`: loads a Salesforce export — a `sf data export tree` folder (its plan
 * and `@reference` links) or Data Loader CSV files — into the workspace, parents first, each record upserted
 * by its Salesforce Id (kept in `sf_id`) so a second run updates instead of duplicating. Dispatched by
 * `tessera import` (commands/import.ts).
 */
import { stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { countNoun, type RuleMode } from '@tessera/engine';
import {
  type LoadProgress,
  type LoadReport,
  loadSalesforceData,
  MAP_FILE,
  type RecordError,
  readDataFolder,
  readMap,
  SalesforceDataError,
} from '@tessera/salesforce';
import { Presets, SingleBar } from 'cli-progress';
import { argsOrHelp } from '../command.js';
import { CliError, EXIT, fromEngineError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { table } from '../text-table.js';
import { describeLocation, withWorkspace, workspaceEnv } from '../workspace-env.js';

export const usage = `Usage: tessera import salesforce-data <dir> [--map <path>] [--skip <objects>] [--errors <file>]
                                      [--rules report|enforce]

Loads exported Salesforce records into the workspace: a \`sf data export tree --plan\` folder (the plan and
the JSON files it names, linked by @references), a CumulusCI dataset (mapping.yml and its tables' CSV files)
or a folder of Data Loader CSV files, one per object named after it (Account.csv,
npe03__Recurring_Donation__c.csv), each with an Id column (15 or 18 characters); a User.csv (Id, Email) lets
owners be found by e-mail, a RecordType.csv (Id, DeveloperName) names record types. Objects load parents
first; lookups to the same object or in a cycle are filled in a second pass. Each record's Salesforce Id is
kept in the unique sf_id field, so running it again updates the same records (and leaves unchanged ones
alone). Deploy the package \`tessera import salesforce\` makes first (tessera deploy, or its --deploy).

The records are history and the workspace's validation and duplicate rules came later: by default they are
judged and reported, not enforced (migration mode, for admins) — a record that breaks one is loaded and the
rule it breaks is listed with it. --rules=enforce refuses such records as any other write would.

Options:
  --map <path>      the converted package's ${MAP_FILE}, or its folder (the standard objects
                    onto crm-core fill in what it lacks, and are all there is without it)
  --skip <objects>  Salesforce objects of the export to leave out, comma-separated (objects the
                    workspace has no place for, e.g. OpportunityContactRole,CampaignMember)
  --rules <mode>    report (default): broken validation and duplicate rules are listed, the records load;
                    enforce: a record that breaks a rule is refused
  --errors <file>   write every refused record, and every rule a loaded one breaks, here as CSV
                    (outcome, where, object, sf_id, code, message)
  --batch-size <n>  records per write (default 200, at most 1000)
  -h, --help        show this help

Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).`;

const FORMATS: Record<LoadReport['format'], string> = {
  tree: 'tree export',
  'data-loader': 'Data Loader export',
  cumulusci: 'CumulusCI dataset',
};

/** Errors (and broken rules) shown on the terminal; all of them go to --errors. */
const SHOWN_ERRORS = 20;

/** A bar on a terminal; otherwise a line per object and pass, so logs stay short. */
function progress(io: Io): { update(p: LoadProgress): void; stop(): void } {
  if (!io.errIsTerminal) {
    return {
      update: (p) => {
        if (p.done === p.total) io.err(`${p.sfObject}: ${p.done} records${p.pass === 2 ? ' linked' : ''}`);
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    { format: '{object} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let current = '';
  return {
    update: (p) => {
      const name = `${p.sfObject}${p.pass === 2 ? ' (links)' : ''}`;
      if (name !== current) {
        if (current) bar.stop();
        bar.start(p.total, 0, { object: name });
        current = name;
      }
      bar.update(p.done, { object: name });
    },
    stop: () => {
      if (current) bar.stop();
    },
  };
}

function summary(report: LoadReport): string[] {
  const rows = [['salesforce', 'object', 'records', 'created', 'updated', 'unchanged', 'linked', 'failed']];
  for (const o of report.objects)
    rows.push(
      [o.sfObject, o.object, o.total, o.created, o.updated, o.unchanged, o.linked, o.failed].map(String),
    );
  const lines = table(rows);
  for (const o of report.objects)
    if (o.skippedColumns.length)
      lines.push(`${o.sfObject}: columns with no field, not loaded: ${o.skippedColumns.join(', ')}`);
  if (report.usersNotFound)
    lines.push(
      `${report.usersNotFound} owner or user values name no user of this workspace by e-mail: left to the importer`,
    );
  return lines;
}

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** `--map` names the map file, or the converted package folder that holds it. */
async function mapPath(given: string): Promise<string> {
  return (await stat(given).catch(() => undefined))?.isDirectory() ? join(given, MAP_FILE) : given;
}

function parseRules(text: string | undefined): RuleMode {
  if (text === undefined || text === 'report' || text === 'enforce') return text ?? 'report';
  throw new UsageError(`--rules must be report or enforce, not "${text}"`);
}

/** The first of `list` on stderr, a line each, and how many more there are. */
function showSome(io: Io, list: readonly RecordError[], more: string) {
  for (const e of list.slice(0, SHOWN_ERRORS)) io.err(`  ${e.where} (${e.key}): ${e.message} [${e.code}]`);
  if (list.length > SHOWN_ERRORS) io.err(`  … and ${list.length - SHOWN_ERRORS} more${more}`);
}

function parseBatchSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError(`--batch-size must be a whole number from 1 to 1000, not "${text}"`);
  return n;
}

export async function runImportSalesforceData(args: string[], io: Io): Promise<number> {
  const parsed = argsOrHelp(
    args,
    {
      map: { type: 'string' },
      skip: { type: 'string' },
      errors: { type: 'string' },
      rules: { type: 'string' },
      'batch-size': { type: 'string' },
    },
    usage,
    io,
  );
  if (!parsed) return EXIT.ok;
  const [dir, extra] = parsed.positionals;
  if (dir === undefined) throw new UsageError('give the folder of the Salesforce export');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const batchSize = parseBatchSize(parsed.values['batch-size']);
  const rules = parseRules(parsed.values.rules);
  const env = workspaceEnv(io);
  try {
    const source = await readDataFolder(resolve(io.cwd, dir));
    const map = parsed.values.map
      ? await readMap(await mapPath(resolve(io.cwd, parsed.values.map)))
      : undefined;
    const bar = progress(io);
    const report = await withWorkspace(env, async (ws) => {
      const usersByEmail = new Map(
        (await ws.users.list()).filter((u) => u.active).map((u) => [u.email.toLowerCase(), u.id]),
      );
      try {
        return await loadSalesforceData(source, {
          records: ws.records,
          model: ws.model,
          usersByEmail,
          rules,
          ...(map ? { map } : {}),
          ...(batchSize ? { batchSize } : {}),
          ...(parsed.values.skip ? { skip: parsed.values.skip.split(',').map((n) => n.trim()) } : {}),
          onProgress: (p) => bar.update(p),
        });
      } finally {
        bar.stop();
      }
    });
    for (const line of summary(report)) io.out(line);
    io.out(`Loaded a ${FORMATS[report.format]} into ${describeLocation(env)}.`);
    const more = parsed.values.errors ? '' : ': pass --errors <file> to have them all';
    const { errors, ruleViolations } = report;
    if (ruleViolations.length) {
      const records = report.objects.reduce((n, o) => n + o.breakingRules, 0);
      io.err(
        `${countNoun(records, 'record breaks', 'records break')} the workspace's rules, loaded all the same (--rules=enforce refuses them):`,
      );
      showSome(io, ruleViolations, more);
    }
    if (errors.length) {
      io.err(`${countNoun(errors.length, 'record was', 'records were')} refused:`);
      showSome(io, errors, more);
    }
    if (parsed.values.errors && (errors.length || ruleViolations.length)) {
      const path = resolve(io.cwd, parsed.values.errors);
      const row = (outcome: string) => (e: RecordError) => [
        outcome,
        e.where,
        e.sfObject,
        e.key,
        e.code,
        e.message,
      ];
      const rows = [
        ['outcome', 'where', 'object', 'sf_id', 'code', 'message'],
        ...errors.map(row('refused')),
        ...ruleViolations.map(row('loaded')),
      ];
      await writeFile(path, rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join(''));
      io.err(`All of them are in ${path}.`);
    }
    return errors.length ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof SalesforceDataError) throw new CliError(`${error.message} [${error.code}]`);
    throw fromEngineError(error);
  }
}
