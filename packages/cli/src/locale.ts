/**
 * The language a command writes the platform's messages in (an import's row errors and refusals): `--locale`, else
 * the environment's (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX reads them: `zh_CN.UTF-8` is `zh-CN`), else English.
 */
import { UsageError } from './errors.js';

const TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** `zh_CN.UTF-8@euro` → `zh-CN`; `C`, `POSIX` and anything unreadable → undefined. */
function fromPosix(value: string | undefined): string | undefined {
  const tag = value?.split(/[.@]/)[0]?.replace(/_/g, '-');
  return tag && TAG.test(tag) ? tag : undefined;
}

export function localeOf(
  given: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (given !== undefined) {
    if (!TAG.test(given))
      throw new UsageError(`--locale takes a language tag such as en or zh-CN, not "${given}"`);
    return given;
  }
  // The first variable that is set decides, as POSIX has it (LC_ALL=C means English even with LANG set).
  const set = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return fromPosix(set) ?? 'en';
}
