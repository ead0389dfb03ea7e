/**
 * Which links the platform makes and keeps: a `url` field's value and the links HYPERLINK and IMAGE write. Only
 * these schemes open something a person expects; `javascript:`, `data:`, `vbscript:` and the like would run or
 * show whatever the value says in the page of the next person who clicks it.
 */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * The scheme of `url` in lower case as a browser reads it (which drops leading spaces and control characters,
 * and tabs and line breaks anywhere), or undefined for a relative link (`/o/account`, `?q=1`, `#top`).
 */
export function urlScheme(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those characters are what a browser drops.
  const read = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  return SCHEME.exec(read)?.[1]?.toLowerCase();
}
