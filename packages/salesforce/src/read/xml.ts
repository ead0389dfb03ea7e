/**
 * Salesforce metadata XML as plain objects, and the few accessors every reader needs. Values stay text
 * (`parseTagValue: false`): `1.0`, `true`, `007` mean what the element says, read by the converter that knows the
 * element, never guessed by the parser.
 */
import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';
import { SalesforceError } from '../errors.js';

/** One XML element as the parser gives it: text, or child elements by tag (a list when repeated). */
export type Xml = { [tag: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: true,
});

/** The root element of a metadata file (`<CustomField>` …), checked to be the one expected. */
export async function readMetadataFile(path: string, root: string): Promise<Xml> {
  let parsed: Xml;
  try {
    parsed = parser.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''), true) as Xml;
  } catch (e) {
    throw new SalesforceError('bad_metadata_file', `${path} is not well-formed XML: ${(e as Error).message}`);
  }
  const element = parsed[root];
  if (element === undefined)
    throw new SalesforceError('bad_metadata_file', `${path} has no <${root}> element`);
  return isXml(element) ? element : {};
}

export const isXml = (v: unknown): v is Xml => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A repeated element as a list, whether it occurred once, many times or not at all. */
export function list(value: unknown): Xml[] {
  const items = value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
  return items.filter(isXml);
}

/** Repeated text elements (`<columns>NAME</columns>`). */
export function texts(value: unknown): string[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** A text child, or undefined when absent or empty. */
export function text(element: Xml | undefined, tag: string): string | undefined {
  const v = element?.[tag];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function bool(element: Xml | undefined, tag: string): boolean {
  return text(element, tag) === 'true';
}

export function int(element: Xml | undefined, tag: string): number | undefined {
  const v = text(element, tag);
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

export function child(element: Xml | undefined, tag: string): Xml | undefined {
  const v = element?.[tag];
  return isXml(v) ? v : undefined;
}
