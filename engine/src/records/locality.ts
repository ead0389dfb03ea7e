/** Where and in which language a caller works: TODAY() in formulas is their day, rule messages their language. */
export interface Locality {
  /** A language tag (`en`, `zh-CN`): texts with several translations are given in this one, or the nearest. */
  locale: string;
  /** An IANA time zone (`Asia/Shanghai`). */
  timeZone: string;
}

export const DEFAULT_LOCALITY: Locality = Object.freeze({ locale: 'en', timeZone: 'UTC' });
