import { LINK_SCHEMES, urlScheme } from '@tessera/formula/url-schemes';
import { recordMessage } from '../model/record-messages.js';
import { stringField } from './string-field.js';

/**
 * An absolute URI of a scheme people open: http, https, mailto or tel. Pages show the value as a link, so
 * `javascript:` or `data:` would run or show whatever the value says to the next person who clicks it.
 */
export const url = stringField({
  type: 'url',
  maxLength: 2048,
  format: 'uri',
  normalize: (v) => v.trim(),
  valueProblem: (value) => {
    const scheme = urlScheme(value);
    return scheme !== undefined && LINK_SCHEMES.includes(scheme)
      ? undefined
      : {
          code: 'url_scheme',
          message: (locale) =>
            recordMessage(locale, 'urlScheme', { schemes: LINK_SCHEMES, scheme: scheme ?? 'none' }),
        };
  },
});
