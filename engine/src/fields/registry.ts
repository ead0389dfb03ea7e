/** Every field type by name. `satisfies` makes the compiler name a type that has no definition. */

import { localize } from '../metadata/localized-text.js';
import type { LocalizedText, PropertyDocument } from '../metadata/types.js';
import { autonumber } from './autonumber.js';
import { boolean } from './boolean.js';
import { currency } from './currency.js';
import { date } from './date.js';
import { datetime } from './datetime.js';
import { email } from './email.js';
import type { FieldTypeDef, TextFormats } from './field-type-def.js';
import type { FieldType } from './field-types.js';
import { formula } from './formula.js';
import { geolocation } from './geolocation.js';
import { integer } from './integer.js';
import { json } from './json.js';
import { lookup } from './lookup.js';
import { masterDetail } from './master-detail.js';
import { multipicklist } from './multipicklist.js';
import { number } from './number.js';
import { percent } from './percent.js';
import { phone } from './phone.js';
import { picklist } from './picklist.js';
import { richtext } from './richtext.js';
import { rollup } from './rollup.js';
import { text } from './text.js';
import { textarea } from './textarea.js';
import { time } from './time.js';
import { url } from './url.js';
import { user } from './user.js';

export const FIELD_TYPE_DEFS = {
  text,
  textarea,
  richtext,
  integer,
  number,
  currency,
  percent,
  boolean,
  date,
  datetime,
  time,
  email,
  phone,
  url,
  picklist,
  multipicklist,
  lookup,
  master_detail: masterDetail,
  user,
  formula,
  rollup,
  autonumber,
  geolocation,
  json,
} satisfies Record<FieldType, FieldTypeDef>;

export const fieldTypeDef = (type: FieldType): FieldTypeDef => FIELD_TYPE_DEFS[type];

export const isFieldType = (type: unknown): type is FieldType =>
  typeof type === 'string' && Object.hasOwn(FIELD_TYPE_DEFS, type);

/**
 * The value a file's non-empty cell stands for in a field of `type` (see FieldTypeDef.fromText), or undefined
 * when the text is not one; types without a reading of their own take the text as it is.
 */
export function valueFromText(
  type: FieldType,
  prop: PropertyDocument,
  cell: string,
  formats: TextFormats = {},
): unknown {
  const def: FieldTypeDef = FIELD_TYPE_DEFS[type];
  return def.fromText ? def.fromText(cell, prop, formats) : cell;
}

const TEXT_HINT: LocalizedText = { en: 'text', 'zh-CN': '文本' };

/** What a cell of a field of `type` should hold, for the message of one that does not, in `locale`'s language. */
export const textHint = (type: FieldType, locale = 'en'): string =>
  localize((FIELD_TYPE_DEFS[type] as FieldTypeDef).textHint ?? TEXT_HINT, locale) ?? '';
