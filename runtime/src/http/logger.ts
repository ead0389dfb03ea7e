/** Structured logs: one JSON object per line, with the request id on every line of a request. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function jsonLogger(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  base = {},
): Logger {
  const log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields }));
  return {
    info: log('info'),
    error: log('error'),
    child: (fields) => jsonLogger(write, { ...base, ...fields }),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {}, child: () => silentLogger };
