/**
 * The caller's locality, from the request: the language they prefer most (`Accept-Language`) and their time
 * zone (`Time-Zone`, an IANA name such as `Asia/Shanghai`; UTC without one). A browser sends both on every
 * call, so TODAY() in formulas is the user's day and rule messages come in the user's language.
 */
import { isTimeZone, type Locality } from '@tessera/engine';
import type { Context } from 'hono';
import { badRequest } from './http-error.js';

const TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** `zh-cn` → `zh-CN`: the case metadata translations are keyed by. */
const canonical = (tag: string) =>
  tag
    .split('-')
    .map((part, i) => (i === 0 ? part.toLowerCase() : part.length === 2 ? part.toUpperCase() : part))
    .join('-');

/** The most preferred language of an `Accept-Language` value, or undefined (none, or only `*`). */
export function preferredLanguage(header: string | undefined): string | undefined {
  let best: { tag: string; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!TAG.test(tag) || !(weight > 0)) continue;
    if (!best || weight > best.q) best = { tag: canonical(tag), q: weight };
  }
  return best?.tag;
}

export function localityOf(c: Context): Locality {
  const timeZone = c.req.header('time-zone')?.trim() || 'UTC';
  if (!isTimeZone(timeZone))
    throw badRequest(
      'bad_time_zone',
      `Time-Zone "${timeZone}" is not an IANA time zone (for example Asia/Shanghai)`,
      'Time-Zone',
    );
  return { locale: preferredLanguage(c.req.header('accept-language')) ?? 'en', timeZone };
}
