/**
 * HYPERLINK and IMAGE, which Salesforce formulas use to show a link or a picture: they make a small piece of
 * HTML as text. Quotes and angle brackets of the values are escaped, so a field's value can never break out of
 * the attribute or add markup; a page shows these values through an HTML sanitizer that allows a and img only.
 * A URL of a scheme other than http, https, mailto or tel makes no link or picture: HYPERLINK gives its label,
 * IMAGE its alternative text.
 */
import type { Big } from 'big.js';
import { formatNumber } from '../format.js';
import { limitedText } from '../limits.js';
import type { Value } from '../types.js';
import { LINK_SCHEMES, urlScheme } from '../url-schemes.js';
import type { FunctionDef } from './function-def.js';

const escapeHtml = (v: Value) =>
  (v === null ? '' : String(v)).replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const size = (v: Value) => (v === null ? '' : formatNumber(v as Big));

/**
 * The attribute value linking to `url`, or undefined when no link may be made. A browser reads character
 * references before the scheme (`javascript&colon;…`), so a relative link has its ampersands escaped too;
 * one with an allowed scheme cannot turn into another, and keeps its query as written.
 */
function linkTo(url: Value | undefined): string | undefined {
  const text = url === undefined || url === null ? '' : String(url);
  const scheme = urlScheme(text);
  if (scheme === undefined) return escapeHtml(text.replace(/&/g, '&amp;'));
  return LINK_SCHEMES.includes(scheme) ? escapeHtml(text) : undefined;
}

export const LINK_FUNCTIONS: Record<string, FunctionDef> = {
  HYPERLINK: {
    min: 2,
    max: 3,
    type: (_, h) => {
      h.expectAll('text');
      return 'text';
    },
    make: (args) => {
      // A label made by IMAGE is markup of ours, escaped when it was made; any other label is text.
      const node = args[1]?.node;
      const markup = node?.kind === 'call' && node.name === 'IMAGE';
      return (ctx) => {
        const [url, label, target] = args.map((a) => a.run(ctx));
        const shown = markup ? (label ?? '') : escapeHtml(label ?? null);
        const href = linkTo(url);
        if (href === undefined) return limitedText(shown);
        const targetAttr = target === undefined || target === null ? '' : ` target="${escapeHtml(target)}"`;
        return limitedText(`<a href="${href}"${targetAttr}>${shown}</a>`);
      };
    },
  },
  IMAGE: {
    min: 2,
    max: 4,
    type: (args, h) => {
      h.expect(0, 'text');
      h.expect(1, 'text');
      if (args.length > 2) h.expect(2, 'number');
      if (args.length > 3) h.expect(3, 'number');
      return 'text';
    },
    make: (args) => (ctx) => {
      const [url, alt, height, width] = args.map((a) => a.run(ctx));
      const src = linkTo(url);
      if (src === undefined) return limitedText(escapeHtml(alt ?? null));
      const dims =
        height === undefined
          ? ''
          : ` height="${size(height)}"${width === undefined ? '' : ` width="${size(width)}"`}`;
      return limitedText(`<img src="${src}" alt="${escapeHtml(alt ?? null)}"${dims}/>`);
    },
  },
};
