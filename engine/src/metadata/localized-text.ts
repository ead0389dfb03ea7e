/** Meta-schema of a localized text: a map from language tag (`en`, `zh-CN`) to a non-empty string. */
export const LOCALIZED_TEXT = {
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
  additionalProperties: { type: 'string', minLength: 1 },
};

/** The text for a locale: exact tag, then its language, then another variant of it, then English, then any. */
export function localize<T = string>(text: Record<string, T> | undefined, locale: string): T | undefined {
  if (!text) return undefined;
  // The locale comes from the request (`Accept-Language: constructor` is a well-formed tag).
  const own = (tag: string) => (Object.hasOwn(text, tag) ? text[tag] : undefined);
  const language = locale.split('-')[0] ?? '';
  const variant = Object.keys(text).find((tag) => tag.startsWith(`${language}-`));
  return (
    own(locale) ??
    own(language) ??
    (variant ? own(variant) : undefined) ??
    own('en') ??
    Object.values(text)[0]
  );
}
