import { parseArgs } from 'node:util';
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

/** For commands whose only option is --help: their positional arguments, or undefined once help was shown. */
export function positionalsOrHelp(args: string[], usage: string, io: Io): string[] | undefined {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (!values.help) return positionals;
  io.out(usage);
  return undefined;
}
