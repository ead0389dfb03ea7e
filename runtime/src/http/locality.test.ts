import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './locality.js';

describe('preferredLanguage', () => {
  it('takes the language with the highest weight, in the case translations are keyed by', () => {
    expect(preferredLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(preferredLanguage('en;q=0.4, zh-cn;q=0.9, fr')).toBe('fr');
    expect(preferredLanguage('en-us;q=0.5, ZH-hant-TW;q=0.7')).toBe('zh-hant-TW');
  });

  it('ignores what is not a language: wildcards, zero weights, junk', () => {
    expect(preferredLanguage(undefined)).toBeUndefined();
    expect(preferredLanguage('*')).toBeUndefined();
    expect(preferredLanguage('de;q=0, <script>, en;q=0.1')).toBe('en');
    expect(preferredLanguage('de;q=abc')).toBeUndefined();
  });
});
