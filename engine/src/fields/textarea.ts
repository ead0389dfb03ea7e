import { stringField } from './string-field.js';

/** Multi-line plain text, up to 128 KiB characters. */
export const textarea = stringField({ type: 'textarea', maxLength: 131072 });
