/** The CLI's exit codes and the errors that choose them. */
import { type Issue, isTesseraError } from '@tessera/engine';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The command line itself is wrong: unknown command or option, missing argument. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command could not do its work; `details` are shown one per line under the message. Exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** `node:util` parseArgs reports unknown options and missing values with these codes. */
export const isParseArgsError = (e: unknown): e is Error =>
  e instanceof Error && /^ERR_PARSE_ARGS_/.test((e as { code?: string }).code ?? '');

/** One line per issue: where (file or document, then JSON pointer), what, and the stable code. */
export function issueLines(
  issues: readonly Issue[],
  fileOf: (document: string) => string | undefined = () => undefined,
) {
  return issues.map((i) => {
    const doc = i.document === undefined ? '' : (fileOf(i.document) ?? i.document);
    const where = `${doc}${i.pointer ? (doc ? ` ${i.pointer}` : i.pointer) : ''}`;
    return `${where ? `${where}: ` : ''}${i.message} [${i.code}]`;
  });
}

/** Engine errors become CLI errors that list their issues. */
export function fromEngineError(e: unknown, fileOf?: (document: string) => string | undefined): unknown {
  if (!isTesseraError(e)) return e;
  const n = e.issues.length;
  const message =
    e.code === 'invalid_documents' ? `${n} problem${n === 1 ? '' : 's'} in the metadata:` : e.message;
  return new CliError(message, issueLines(e.issues, fileOf));
}
