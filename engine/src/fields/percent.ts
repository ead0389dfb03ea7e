import { numberField } from './number-field.js';

/** A percentage as people write it (12.5 means 12.5 %); `scale` limits the digits after the point. */
export const percent = numberField('percent');
