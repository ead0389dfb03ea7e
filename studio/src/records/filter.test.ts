import { FILTER_OPERATORS } from '@tessera/engine/field-types';
import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../api/types.js';
import { MESSAGES } from '../i18n/messages.js';
import { type Condition, conditionsToFilter, describeCondition, operatorKey } from './filter.js';

const open: Condition = { field: 'open', op: 'eq', value: true };
const big: Condition = { field: 'capacity', op: 'gte', value: 300 };
const lobby: Condition = { field: 'name', op: 'contains', value: 'lobby' };
const customerId = '0b7f3a52-6a2d-4c1e-9a57-1f0e2d3c4b5a';
/** A lookup chosen by its linked record's name: the name is shown, the id is sent. */
const customer: Condition = {
  field: 'customer_id',
  op: 'eq',
  value: customerId,
  shown: '深圳康源乳业有限公司',
};

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

  it("sends a lookup condition's id, never the name it is shown by", () => {
    expect(conditionsToFilter([customer], undefined)).toEqual({ customer_id: { eq: customerId } });
    expect(conditionsToFilter([{ ...customer, op: 'ne' }, open], undefined, 'any')).toEqual({
      or: [{ customer_id: { ne: customerId } }, { open: { eq: true } }],
    });
    expect(JSON.stringify(conditionsToFilter([customer], { status: { eq: 'active' } }))).not.toContain(
      '深圳',
    );
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

describe('describeCondition', () => {
  const format = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v));

  it("says a lookup condition with the linked record's name, not its id", () => {
    expect(describeCondition(customer, 'Customer', 'is', format)).toBe('Customer is 深圳康源乳业有限公司');
    expect(describeCondition({ ...customer, op: 'ne' }, '客户', '不等于', format)).toBe(
      '客户 不等于 深圳康源乳业有限公司',
    );
  });

  it('formats other values as the list shows them, a list of values joined', () => {
    expect(
      describeCondition({ field: 'capacity', op: 'gte', value: 1200 }, 'Capacity', 'at least', format),
    ).toBe('Capacity at least 1,200');
    expect(
      describeCondition({ field: 'tags', op: 'contains', value: [1000, 2] }, 'Tags', 'includes', format),
    ).toBe('Tags includes 1,000, 2');
    // A condition without a name to show (an id typed in, an empty name) says its value.
    expect(describeCondition({ ...customer, shown: '' }, 'Customer', 'is', format)).toBe(
      `Customer is ${customerId}`,
    );
  });

  it('says no value for an emptiness test', () => {
    expect(
      describeCondition({ field: 'notes', op: 'isNull', value: true }, 'Notes', 'is empty', format),
    ).toBe('Notes is empty');
    expect(
      describeCondition({ field: 'notes', op: 'isNull', value: false }, 'Notes', 'is not empty', format),
    ).toBe('Notes is not empty');
  });
});

describe('operatorKey', () => {
  const date = { type: 'string', format: 'date', 'x-tessera': { field: 'date' } } as PropertyDocument;
  const tags = { type: 'array', 'x-tessera': { field: 'multipicklist' } } as PropertyDocument;
  const num = { type: 'number', 'x-tessera': { field: 'number' } } as PropertyDocument;

  it('names every operator a filter may hold, in both languages (a saved view’s chips show any of them)', () => {
    for (const op of [...FILTER_OPERATORS, 'isNotNull'])
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
