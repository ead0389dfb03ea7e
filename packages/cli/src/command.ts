import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** One `tessera <name>` command, in its own file under `commands/`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full help text: synopsis, options, environment. */
  usage: string;
  /** Returns the exit code; throws UsageError (exit 2) or CliError (exit 1). */
  run(args: string[], io: Io): Promise<number>;
}

const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** For commands with options: the parsed command line (with `-h, --help` added), or undefined once help was shown. */
export function argsOrHelp<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  usage: string,
  io: Io,
) {
  const parsed = parseArgs({ args, allowPositionals: true, options: { ...options, ...HELP } });
  if (!(parsed.values as { help?: boolean }).help) return parsed;
  io.out(usage);
  return undefined;
}

/** For commands whose only option is --help: their positional arguments, or undefined once help was shown. */
export function positionalsOrHelp(args: string[], usage: string, io: Io): string[] | undefined {
  return argsOrHelp(args, {}, usage, io)?.positionals;
}

/** For commands that take no arguments (only --help): false once help was shown; extra arguments are refused. */
export function noArgumentsOrHelp(args: string[], usage: string, io: Io): boolean {
  const positionals = positionalsOrHelp(args, usage, io);
  if (!positionals) return false;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return true;
}

/** The options of commands that change a workspace after showing their plan. */
export const APPLY_OPTIONS = {
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', short: 'n', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * After the plan was shown: whether to apply it — at once with --yes, else as the person at the terminal says.
 * Without a terminal and without --yes nothing is applied (a usage error: scripts must say --yes).
 */
export async function confirmed(io: Io, yes: boolean, question: string): Promise<boolean> {
  if (yes) return true;
  if (!io.interactive)
    throw new UsageError(
      'nothing was changed: stdin is not a terminal, so pass --yes to apply (or --dry-run)',
    );
  if (await io.confirm(`${question} [y/N] `)) return true;
  io.err('Cancelled: nothing was changed.');
  return false;
}
