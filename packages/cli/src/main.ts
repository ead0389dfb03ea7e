/**
 * The `tessera` command line: `tessera <command> [options]`, one file per command under `commands/`.
 * `main` returns the exit code: 0 done, 1 failed, 2 usage error.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { backup } from './commands/backup.js';
import { deploy } from './commands/deploy.js';
import { exportCommand } from './commands/export.js';
import { helpCommand, overview } from './commands/help.js';
import { importCommand } from './commands/import.js';
import { packages } from './commands/packages.js';
import { pull } from './commands/pull.js';
import { restore } from './commands/restore.js';
import { start } from './commands/start.js';
import { trash } from './commands/trash.js';
import { types } from './commands/types.js';
import { uninstall } from './commands/uninstall.js';
import { users } from './commands/users.js';
import { workspace } from './commands/workspace.js';
import { CliError, EXIT, isParseArgsError, UsageError } from './errors.js';
import { type Io, processIo } from './io.js';

const COMMANDS: readonly Command[] = [
  start,
  deploy,
  uninstall,
  packages,
  pull,
  types,
  workspace,
  users,
  trash,
  importCommand,
  exportCommand,
  backup,
  restore,
  helpCommand(() => COMMANDS),
];

function report(error: unknown, command: Command | undefined, io: Io): number {
  const prefix = `tessera${command ? ` ${command.name}` : ''}`;
  if (error instanceof UsageError || isParseArgsError(error)) {
    io.err(`${prefix}: ${error.message}`);
    if (command) io.err(`${command.usage.split('\n')[0]}\nRun tessera help ${command.name} for the options.`);
    else io.err(`\n${overview(COMMANDS)}`);
    return EXIT.usage;
  }
  if (error instanceof CliError) {
    io.err(`${prefix}: ${error.message}`);
    for (const line of error.details) io.err(`  ${line}`);
    return EXIT.failed;
  }
  const e = error as Error;
  io.err(`${prefix}: ${e?.message ?? String(error)}`);
  if (io.env.TESSERA_DEBUG && e?.stack) io.err(e.stack);
  return EXIT.failed;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(overview(COMMANDS));
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') return main(['help', ...args], io);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return report(new UsageError(`unknown command "${name}"`), undefined, io);
  try {
    return await command.run(args, io);
  } catch (error) {
    return report(error, command, io);
  }
}

// `tsx packages/cli/src/main.ts …` runs it too.
const isEntry = () => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};
if (isEntry()) process.exitCode = await main(process.argv.slice(2));
