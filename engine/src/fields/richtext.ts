import sanitizeHtml from 'sanitize-html';
import { stringField } from './string-field.js';

/**
 * Formatted text as HTML. Whatever a client sends is sanitized before it is stored, so a record can never carry
 * a script to the next person who opens it.
 */
const allowed: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'del', 's', 'u'],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    '*': ['style'],
  },
  allowedStyles: {
    '*': { color: [/^#[0-9a-f]{3,8}$/i, /^rgb\(/], 'text-align': [/^(left|right|center|justify)$/] },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
};

export const richtext = stringField({
  type: 'richtext',
  maxLength: 131072,
  normalize: (value) => sanitizeHtml(value, allowed),
  operators: ['contains', 'isNull'],
  // Its text is markup: matched as it is, a search for "span" would find every record.
  searchable: false,
});
