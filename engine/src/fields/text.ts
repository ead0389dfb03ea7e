import { stringField } from './string-field.js';

/** A single line of text, up to 255 characters. */
export const text = stringField({ type: 'text', maxLength: 255, pattern: true });
