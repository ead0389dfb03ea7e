/**
 * Logs through pino: one JSON object per line for machines, readable lines (pino-pretty) for a person at a
 * terminal. Every line of a request carries its request id (a child logger).
 */
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** Where each finished line goes, without its newline. */
  write: (line: string) => void;
  /** Readable lines (time, level, message, fields) instead of JSON: for a terminal. */
  pretty?: boolean;
  /** The least severe level written; `info` when left out. */
  level?: LogLevel;
}

function wrap(log: pino.Logger): Logger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields: Record<string, unknown> = {}) =>
      log[level](fields, message);
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(log.child(fields)),
  };
}

export function createLogger({ write, pretty = false, level = 'info' }: LoggerOptions): Logger {
  const prettify = pretty
    ? prettyFactory({
        colorize: true,
        messageKey: 'message',
        translateTime: 'HH:MM:ss',
        singleLine: true,
      })
    : undefined;
  const destination = {
    write: (line: string) => write((prettify ? prettify(line) : line).replace(/\n$/, '')),
  };
  return wrap(
    pino(
      {
        level,
        base: undefined,
        messageKey: 'message',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    ),
  );
}

/** The level `LOG_LEVEL` names, or undefined when it is unset; anything else is refused, naming the choices. */
export function logLevelFrom(value: string | undefined): LogLevel | undefined {
  if (value === undefined || value === '') return undefined;
  const level = value.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`);
}

const quiet = () => {};
export const silentLogger: Logger = {
  debug: quiet,
  info: quiet,
  warn: quiet,
  error: quiet,
  child: () => silentLogger,
};
