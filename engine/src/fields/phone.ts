import { normalizePhone } from './normalize-phone.js';
import { stringField } from './string-field.js';

/** A phone number, kept normalized (see normalize-phone.ts) and then checked to be digits. */
export const phone = stringField({
  type: 'phone',
  maxLength: 40,
  normalize: normalizePhone,
  valuePattern: '^\\+?[0-9]{3,20}(;ext=[0-9]{1,10})?$',
});
