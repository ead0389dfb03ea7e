import { stringField } from './string-field.js';

/** An absolute URI. */
export const url = stringField({ type: 'url', maxLength: 2048, format: 'uri', normalize: (v) => v.trim() });
