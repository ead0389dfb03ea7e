import { stringField } from './string-field.js';

/** An e-mail address; kept as given but for surrounding space and the domain's case. */
export const email = stringField({
  type: 'email',
  maxLength: 255,
  format: 'email',
  normalize: (value) => {
    const v = value.trim();
    const at = v.lastIndexOf('@');
    return at < 0 ? v : v.slice(0, at + 1) + v.slice(at + 1).toLowerCase();
  },
});
