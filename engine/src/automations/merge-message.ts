/**
 * Notification texts with `{!field}` merges (`Urgent request {!name}`), parsed once per metadata version and
 * filled in per record and language when the notification is queued.
 */
import type { LocalizedText } from '../metadata/types.js';

const MERGE = /\{!([a-z][a-z0-9_]*)\}/g;

/** Per language, the text cut into literal parts and merge paths (odd indexes). */
export interface MessageTemplate {
  parts: ReadonlyMap<string, readonly (string | readonly string[])[]>;
  /** Every path the merges read. */
  paths: string[][];
}

export function compileTemplate(text: LocalizedText): MessageTemplate {
  const parts = new Map<string, (string | string[])[]>();
  const paths: string[][] = [];
  for (const [locale, source] of Object.entries(text)) {
    const cut: (string | string[])[] = [];
    let last = 0;
    for (const match of source.matchAll(MERGE)) {
      const path = [match[1] as string];
      cut.push(source.slice(last, match.index), path);
      paths.push(path);
      last = (match.index ?? 0) + match[0].length;
    }
    cut.push(source.slice(last));
    parts.set(locale, cut);
  }
  return { parts, paths };
}

/** The text in every language the template has, each merge replaced by `merge(path)` in that language. */
export function renderTemplate(
  template: MessageTemplate,
  merge: (path: readonly string[], locale: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, cut] of template.parts)
    out[locale] = cut.map((part) => (typeof part === 'string' ? part : merge(part, locale))).join('');
  return out;
}
