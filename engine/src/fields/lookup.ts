import { referenceField } from './reference-field.js';

/** A link to a record of another object. When that record is deleted: refuse (`restrict`) or clear the link (`setNull`, the default). */
export const lookup = referenceField(
  'lookup',
  { onDelete: { enum: ['restrict', 'setNull'] } },
  (prop) => prop['x-tessera'].onDelete ?? 'setNull',
);
