/**
 * Choices as people read them in lists of metadata (field types, objects, roles): the label in the UI language,
 * the API name after it — two roles both labelled "Sales rep" stay two different choices.
 */
import type { FieldType } from '@tessera/engine/field-types';
import type { MessageKey } from './messages.js';
import type { MessageValues } from './translate.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The message of a field type's name (a type without one does not compile). */
export const fieldTypeKey = (type: FieldType): MessageKey => `type.${type}`;

/** `Sales rep (dist_sales_rep)`; just the API name when that is all the label says. */
export const choiceText = (t: Translate, label: string, apiName: string): string =>
  label === apiName ? apiName : t('admin.choice', { label, apiName });
