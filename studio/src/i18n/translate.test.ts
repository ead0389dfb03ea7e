/** The studio's ICU messages: every one compiles in both languages, names the same values, and counts right. */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { choiceText, fieldTypeKey } from './choices.js';
import { LOCALES, MESSAGES, type MessageKey } from './messages.js';
import { translate } from './translate.js';

/** The names of the values a message takes, found through its plurals and selects. */
function valueNames(elements: unknown[]): string[] {
  const names: string[] = [];
  for (const element of elements as { value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
    if (typeof element.value === 'string' && 'type' in element && element.type !== 0)
      names.push(element.value);
    for (const option of Object.values(element.options ?? {})) names.push(...valueNames(option.value));
  }
  return [...new Set(names)].sort();
}

describe('the studio’s messages', () => {
  it('compile in every language and take the same values in each', () => {
    for (const key of Object.keys(MESSAGES.en) as MessageKey[]) {
      const [en, ...others] = LOCALES.map((locale) =>
        valueNames(new IntlMessageFormat(MESSAGES[locale][key], locale).getAst()),
      );
      for (const other of others) expect({ key, values: other }).toEqual({ key, values: en });
    }
  });

  it('count records and objects with the right plural in English, and in Chinese without one', () => {
    expect(translate('en', 'list.count', { count: 1 })).toBe('1 record');
    expect(translate('en', 'list.count', { count: 0 })).toBe('0 records');
    expect(translate('en', 'list.count', { count: 10000 })).toBe('10,000 records');
    expect(translate('zh-CN', 'list.count', { count: 1 })).toBe('共 1 条记录');
    expect(translate('zh-CN', 'list.count', { count: 10000 })).toBe('共 10,000 条记录');
    expect(translate('en', 'ps.objectsGranted', { count: 1 })).toBe('1 object');
    expect(translate('en', 'ps.objectsGranted', { count: 2 })).toBe('2 objects');
    expect(translate('zh-CN', 'ps.objectsGranted', { count: 2 })).toBe('2 个对象');
    expect(translate('en', 'ps.planGrants', { count: 1 })).toBe('Users who have it may work with 1 object.');
    expect(translate('en', 'ps.planGrants', { count: 3 })).toBe('Users who have it may work with 3 objects.');
    expect(translate('en', 'admin.ownsCount', { kind: 'Objects', count: 1200 })).toBe('Objects: 1,200');
  });

  it('fill in values, keeping text that only looks like markup', () => {
    expect(translate('en', 'record.editTitle', { name: 'Lobby {machine}' })).toBe('Edit Lobby {machine}');
    expect(translate('zh-CN', 'record.deleteConfirm', { name: '故障机' })).toBe(
      '删除“故障机”？此操作无法撤销。',
    );
    expect(translate('en', 'admin.ruleFormulaHint')).toContain('ISPICKVAL(status, "broken")');
  });

  it('name every field type, and a choice by label with its API name after it', () => {
    expect(translate('en', fieldTypeKey('master_detail'))).toBe('Master-detail');
    expect(translate('zh-CN', fieldTypeKey('master_detail'))).toBe('主从关系');
    const t = (key: MessageKey, values?: Record<string, string | number>) => translate('zh-CN', key, values);
    expect(choiceText(t, '业务员', 'dist_sales_rep')).toBe('业务员（dist_sales_rep）');
    expect(choiceText(t, 'dist_order', 'dist_order')).toBe('dist_order');
  });
});
