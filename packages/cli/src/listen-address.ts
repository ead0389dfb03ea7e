/**
 * Where `tessera start` listens (`HOST`, `PORT`), checked before anything is set up: a first start that made
 * the admin and then could not listen would have shown its once-only credentials to no one.
 */
import { createServer } from 'node:net';
import { CliError, UsageError } from './errors.js';
import type { Io } from './io.js';

export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_PORT = 4000;

export function listenAddress(io: Io): ListenAddress {
  const raw = io.env.PORT || String(DEFAULT_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new UsageError(`PORT must be a port number from 0 to 65535, not "${io.env.PORT}"`);
  return { host: io.env.HOST || '127.0.0.1', port };
}

/** Why the server could not listen, said so a person knows what to change; other errors as they are. */
export function listenProblem(error: unknown, { host, port }: ListenAddress): unknown {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} on ${host} is already in use (another Tessera, or another program)`, [
        `start on a free port instead: PORT=${port + 1} pnpm start`,
        'or stop the program that holds it',
      ]);
    case 'EACCES':
      return new CliError(`this user may not listen on port ${port}: choose one above 1023 with PORT=…`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new CliError(`HOST ${host} is not an address of this machine: set HOST (default 127.0.0.1)`);
    default:
      return error;
  }
}

/** Resolves when a server could listen at the address now; throws a CliError saying why not otherwise. */
export function ensureCanListen(address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(listenProblem(error, address)));
    probe.listen({ port: address.port, host: address.host, exclusive: true }, () =>
      probe.close(() => resolve()),
    );
  });
}
