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
