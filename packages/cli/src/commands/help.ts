/** `tessera help [command]`: the command list, or one command's help. */
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';

export function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: tessera <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run tessera help <command> (or tessera <command> --help) for its options.',
    'Environment: TESSERA_DATA_DIR (default ./.tessera), DATABASE_URL (unset: SQLite; postgres://…: PostgreSQL).',
    'Exit codes: 0 done, 1 failed (nothing half-done: a failed deploy changes nothing), 2 usage error.',
  ].join('\n');
}

export function helpCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'show this help, or a command’s help',
    usage: 'Usage: tessera help [command]',
    async run(args, io) {
      const [name, ...rest] = args;
      if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
      if (name === undefined) {
        io.out(overview(commands()));
        return EXIT.ok;
      }
      const command = commands().find((c) => c.name === name);
      if (!command) throw new UsageError(`unknown command "${name}"`);
      io.out(command.usage);
      return EXIT.ok;
    },
  };
}
