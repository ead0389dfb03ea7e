import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { localeOf } from './locale.js';

describe('the language of messages', () => {
  it('takes --locale, else the environment as POSIX reads it, else English', () => {
    expect(localeOf('zh-CN', { LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(localeOf(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeOf(undefined, { LANG: 'zh_CN.GB18030@stroke', LC_MESSAGES: 'de_DE' })).toBe('de-DE');
    // LC_ALL wins, even when it says C.
    expect(localeOf(undefined, { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeOf(undefined, { LANG: '' })).toBe('en');
    expect(localeOf(undefined, {})).toBe('en');
    expect(() => localeOf('Chinese please', {})).toThrow(UsageError);
  });
});
