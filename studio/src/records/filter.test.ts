import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../api/types.js';
import { MESSAGES } from '../i18n/messages.js';
import { type Condition, conditionsToFilter, operatorKey } from './filter.js';

const open: Condition = { field: 'open', op: 'eq', value: true };
const big: Condition = { field: 'capacity', op: 'gte', value: 300 };
const lobby: Condition = { field: 'name', op: 'contains', value: 'lobby' };

describe('conditionsToFilter', () => {
  it('narrows nothing without conditions or a view filter', () => {
    expect(conditionsToFilter([], undefined)).toBeUndefined();
    expect(conditionsToFilter([], {}, 'any')).toBeUndefined();
  });

  it('is one condition as it is, whichever the match', () => {
    expect(conditionsToFilter([open], undefined)).toEqual({ open: { eq: true } });
    expect(conditionsToFilter([open], undefined, 'any')).toEqual({ open: { eq: true } });
  });

  it('joins the conditions with and when all must hold (the default)', () => {
    expect(conditionsToFilter([open, big], undefined)).toEqual({
      and: [{ open: { eq: true } }, { capacity: { gte: 300 } }],
    });
    expect(conditionsToFilter([open, big], undefined, 'all')).toEqual(
      conditionsToFilter([open, big], undefined),
    );
  });

  it('joins them with or when any may hold', () => {
    expect(conditionsToFilter([open, big, lobby], undefined, 'any')).toEqual({
      or: [{ open: { eq: true } }, { capacity: { gte: 300 } }, { name: { contains: 'lobby' } }],
    });
  });

  it("always meets the view's own filter as well", () => {
    const view = { status: { eq: 'active' } };
    expect(conditionsToFilter([], view, 'any')).toEqual(view);
    expect(conditionsToFilter([open], view)).toEqual({ and: [{ open: { eq: true } }, view] });
    expect(conditionsToFilter([open, big], view)).toEqual({
      and: [{ open: { eq: true } }, { capacity: { gte: 300 } }, view],
    });
    expect(conditionsToFilter([open, big], view, 'any')).toEqual({
      and: [{ or: [{ open: { eq: true } }, { capacity: { gte: 300 } }] }, view],
    });
  });

  it('keeps an empty condition value and emptiness tests as the API takes them', () => {
    expect(
      conditionsToFilter(
        [
          { field: 'notes', op: 'isNull', value: true },
          { field: 'serial_no', op: 'isNull', value: false },
        ],
        undefined,
        'any',
      ),
    ).toEqual({ or: [{ notes: { isNull: true } }, { serial_no: { isNull: false } }] });
  });

  it('is pure: the same answer each time, its inputs untouched', () => {
    const conditions = [open, big];
    const view = { status: { eq: 'active' } };
    const copy = structuredClone({ conditions, view });
    const first = conditionsToFilter(conditions, view, 'any');
    expect(conditionsToFilter(conditions, view, 'any')).toEqual(first);
    expect({ conditions, view }).toEqual(copy);
  });
});

describe('operatorKey', () => {
  const date = { type: 'string', format: 'date', 'x-tessera': { field: 'date' } } as PropertyDocument;
  const tags = { type: 'array', 'x-tessera': { field: 'multipicklist' } } as PropertyDocument;
  const num = { type: 'number', 'x-tessera': { field: 'number' } } as PropertyDocument;

  it('names every operator offered, in both languages', () => {
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith', 'isNull', 'isNotNull'])
      for (const prop of [date, tags, num, undefined]) {
        const key = operatorKey(op, true, prop);
        expect(MESSAGES.en[key], `${op} en`).toBeTruthy();
        expect(MESSAGES['zh-CN'][key], `${op} zh-CN`).toBeTruthy();
      }
  });

  it('says before and after on dates, and is (not) empty by the isNull value', () => {
    expect(MESSAGES.en[operatorKey('lt', '2026-01-01', date)]).toBe('before');
    expect(MESSAGES.en[operatorKey('lt', 3, num)]).toBe('less than');
    expect(MESSAGES.en[operatorKey('isNull', true, num)]).toBe('is empty');
    expect(MESSAGES.en[operatorKey('isNull', false, num)]).toBe('is not empty');
    expect(MESSAGES['zh-CN'][operatorKey('isNull', false, num)]).toBe('不为空');
  });
});
