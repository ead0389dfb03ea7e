/** RFC 6901: `~` and `/` in a reference token are written `~0` and `~1`. */
export const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/** The value a JSON pointer names in a document, by own properties only (a name is never a prototype's). */
export function valueAt(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (v, key) =>
        v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? Reflect.get(v, key) : undefined,
      doc,
    );
}
