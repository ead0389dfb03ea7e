import { numberField } from './number-field.js';

/** A number; `scale` limits the digits after the point. */
export const number = numberField('number');
