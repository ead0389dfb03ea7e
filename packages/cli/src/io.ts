/**
 * Where the CLI talks to the person running it: results on stdout, progress, warnings and questions on
 * stderr, so `tessera types > file.ts` and pipes get only the result.
 */
import { createInterface } from 'node:readline/promises';
import type { Writable } from 'node:stream';

export interface Io {
  /** A line of the command's result (stdout). */
  out(line: string): void;
  /** A line of progress, warning or error (stderr). */
  err(line: string): void;
  /** The result as bytes (`tessera export` writing a file to stdout); absent where results are only lines. */
  readonly stdout?: Writable;
  /** The progress stream when it is a terminal (stderr), for progress bars that redraw a line. */
  readonly errTerminal?: NodeJS.WriteStream;
  /** Whether a person can answer a question: stdin is a terminal. */
  readonly interactive: boolean;
  /** Whether stderr (progress, logs) goes to a terminal: readable logs there, JSON lines otherwise. */
  readonly errIsTerminal: boolean;
  /** Asks a yes/no question on the terminal; anything but "y" or "yes" is no. */
  confirm(question: string): Promise<boolean>;
  /**
   * Resolves, with the signal's name, when the person stops a long-running command (`tessera start`).
   * Absent: when this process gets SIGINT (Ctrl-C) or SIGTERM.
   */
  untilStopped?(): Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdout: process.stdout,
  ...(process.stderr.isTTY ? { errTerminal: process.stderr } : {}),
  interactive: Boolean(process.stdin.isTTY),
  errIsTerminal: Boolean(process.stderr.isTTY),
  confirm: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  },
  env: process.env,
  cwd: process.cwd(),
};
