/**
 * `pnpm --filter @tessera/engine bench`: measures the engine's performance targets on this machine and prints
 * one table. Progress goes to stderr so stdout is only the table. A scenario that throws is reported as an
 * ERROR row and makes the exit code 1; a missed target does so only with BENCH_STRICT=1, because timings on
 * shared CI machines are too noisy to gate every build on.
 */
import { cpus } from 'node:os';
import { addFieldScenario } from './add-field-scenario.js';
import { compileScenario } from './compile-scenario.js';
import { importScenario } from './import-scenario.js';
import { insertScenario } from './insert-scenario.js';
import { postgresUnavailable } from './postgres.js';
import { rulesScenario } from './rules-scenario.js';
import { searchScenario } from './search-scenario.js';
import { sharingScenario } from './sharing-scenario.js';
import { formatTable, passed, type Result } from './table.js';

const pgReason = await postgresUnavailable();
const scenarios: [name: string, run: () => Promise<Result[]>][] = [
  // First: it reports the process's first meta-schema compile.
  ['compile', compileScenario],
  ['add-field', () => addFieldScenario(pgReason)],
  ['insert', () => insertScenario(pgReason)],
  ['sharing', () => sharingScenario(pgReason)],
  ['rules', () => rulesScenario(pgReason)],
  ['import', () => importScenario(pgReason)],
  ['search', () => searchScenario(pgReason)],
];

// `pnpm bench sharing insert` runs only the scenarios named.
const only = process.argv.slice(2);
const results: Result[] = [];
for (const [name, run] of scenarios.filter(([n]) => only.length === 0 || only.includes(n))) {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    results.push(...(await run()));
  } catch (error) {
    results.push({ scenario: name, error: error instanceof Error ? error.message : String(error) });
  }
}

const cpu = cpus();
console.log(
  `Tessera engine bench · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'} · ${new Date().toISOString()}`,
);
console.log(formatTable(results));
const failed = results.filter((r) => passed(r) === false);
if (failed.some((r) => r.error) || (process.env.BENCH_STRICT === '1' && failed.length)) process.exitCode = 1;
