/** RFC 6901: `~` and `/` in a reference token are written `~0` and `~1`. */
export const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
