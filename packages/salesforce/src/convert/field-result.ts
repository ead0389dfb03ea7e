/** What converting one Salesforce field gives: a property (maybe approximated, with how), or why there is none. */
import type { JsonValue, PropertyDocument } from '@tessera/engine';
import { text, type Xml } from '../read/xml.js';

export type FieldResult =
  | { property: PropertyDocument; required?: boolean; note?: string; references?: string[] }
  | { skip: string };

/** Label, description and help text, as every property carries them. */
export function annotations(
  xml: Xml,
  fallbackLabel: string,
): Pick<PropertyDocument, 'title'> & {
  'x-tessera': {
    label: Record<string, string>;
    description?: Record<string, string>;
    helpText?: Record<string, string>;
  };
} {
  const label = text(xml, 'label') ?? fallbackLabel;
  const description = text(xml, 'description');
  const help = text(xml, 'inlineHelpText');
  return {
    title: label,
    'x-tessera': {
      label: { en: label },
      ...(description ? { description: { en: description } } : {}),
      ...(help ? { helpText: { en: help } } : {}),
    },
  };
}

/** A property of a type, with the field's annotations merged under `x-tessera`. */
export function property(
  xml: Xml,
  fallbackLabel: string,
  schema: Record<string, unknown>,
  options: Record<string, unknown>,
): PropertyDocument {
  const a = annotations(xml, fallbackLabel);
  return { ...schema, title: a.title, 'x-tessera': { ...options, ...a['x-tessera'] } } as PropertyDocument;
}

/**
 * A Salesforce default (a formula expression) as a literal when it is one: `"Open"`, `'x'`, `42`, `true`.
 * Undefined when it is an expression (converted as a default formula instead).
 */
export function literalDefault(expression: string | undefined): { value: JsonValue } | undefined {
  if (expression === undefined) return undefined;
  const e = expression.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(e);
  if (quoted) return { value: (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1') };
  if (/^(true|false)$/i.test(e)) return { value: e.toLowerCase() === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(e)) return { value: Number(e) };
  return undefined;
}
