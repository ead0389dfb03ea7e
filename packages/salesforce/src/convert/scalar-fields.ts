/**
 * Salesforce field types that are one value of a kind (text, numbers, dates, yes/no, places) → Tessera types.
 * The table in docs/import.md ("Salesforce metadata") lists the same mapping for people.
 */
import { int, text, type Xml } from '../read/xml.js';
import { type FieldResult, property } from './field-result.js';

type Converter = (xml: Xml, label: string) => FieldResult;

const MAX_SCALE = 10;

function clampScale(xml: Xml, fallback: number): { scale: number; note?: string } {
  const scale = int(xml, 'scale') ?? fallback;
  return scale > MAX_SCALE
    ? { scale: MAX_SCALE, note: `scale ${scale} reduced to ${MAX_SCALE} digits after the point` }
    : { scale };
}

const withNote = (result: FieldResult, note: string | undefined): FieldResult =>
  note && 'property' in result ? { ...result, note } : result;

const textOf =
  (field: 'text' | 'textarea' | 'richtext', limit: number, fallback: number): Converter =>
  (xml, label) => {
    const length = int(xml, 'length') ?? fallback;
    const maxLength = Math.min(length, limit);
    return withNote(
      { property: property(xml, label, { type: 'string', maxLength }, { field }) },
      length > limit ? `length ${length} reduced to ${limit}` : undefined,
    );
  };

const stringOf =
  (field: 'email' | 'phone' | 'url', schema: Record<string, unknown>): Converter =>
  (xml, label) => ({ property: property(xml, label, { type: 'string', ...schema }, { field }) });

const numberOf =
  (field: 'currency' | 'percent'): Converter =>
  (xml, label) => {
    const { scale, note } = clampScale(xml, field === 'currency' ? 2 : 0);
    return withNote({ property: property(xml, label, { type: 'number' }, { field, scale }) }, note);
  };

export const SCALAR_FIELDS: Readonly<Record<string, Converter>> = {
  Text: textOf('text', 255, 255),
  TextArea: textOf('textarea', 131072, 255),
  LongTextArea: textOf('textarea', 131072, 32768),
  Html: textOf('richtext', 131072, 32768),
  EncryptedText: (xml, label) => ({
    property: property(
      xml,
      label,
      { type: 'string', maxLength: Math.min(int(xml, 'length') ?? 175, 255) },
      { field: 'text' },
    ),
    note: 'encrypted text is stored as plain text (Tessera has no encrypted field; restrict it with field-level security)',
  }),
  Email: stringOf('email', { format: 'email', maxLength: 255 }),
  Phone: stringOf('phone', { maxLength: 40 }),
  Url: stringOf('url', { format: 'uri', maxLength: 2048 }),
  Number: (xml, label) => {
    // Number(18, 0) is Salesforce's default: whole numbers, exact here up to ±2^53 (docs/import.md says so).
    if ((int(xml, 'scale') ?? 0) === 0)
      return { property: property(xml, label, { type: 'integer' }, { field: 'integer' }) };
    const { scale, note } = clampScale(xml, 0);
    return withNote({ property: property(xml, label, { type: 'number' }, { field: 'number', scale }) }, note);
  },
  Currency: numberOf('currency'),
  Percent: numberOf('percent'),
  Checkbox: (xml, label) => ({
    // Salesforce checkboxes are never blank: false unless their default says true.
    property: {
      ...property(xml, label, { type: 'boolean' }, { field: 'boolean' }),
      default: text(xml, 'defaultValue')?.toLowerCase() === 'true',
    },
  }),
  Date: (xml, label) => ({
    property: property(xml, label, { type: 'string', format: 'date' }, { field: 'date' }),
  }),
  DateTime: (xml, label) => ({
    property: property(xml, label, { type: 'string', format: 'date-time' }, { field: 'datetime' }),
  }),
  Time: (xml, label) => ({
    property: property(xml, label, { type: 'string', format: 'time' }, { field: 'time' }),
  }),
  Location: (xml, label) => ({
    property: property(xml, label, { type: 'object' }, { field: 'geolocation' }),
    note: 'a geolocation {lat, lng}; the display scale is not kept',
  }),
};

/** Salesforce types with no Tessera counterpart, and why. */
export const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  ExternalLookup: 'external lookups point at records of another system',
  IndirectLookup: 'indirect lookups point at records of another system',
  MetadataRelationship: 'a relationship between custom metadata types',
  File: 'files are not fields in Tessera',
  Address: 'compound address fields are standard fields of Salesforce objects',
};
