import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../metadata/types.js';
import type { FieldType } from './field-types.js';
import { valueFromText } from './registry.js';

const prop = { 'x-tessera': {} } as unknown as PropertyDocument;
const read = (type: FieldType, cell: string, formats = {}) => valueFromText(type, prop, cell, formats);

describe('a field value from the text of a cell', () => {
  it('reads dates year first always, year last only with a date order, and never moves the day', () => {
    expect(read('date', '2024-03-05')).toBe('2024-03-05');
    expect(read('date', '2024/3/5')).toBe('2024-03-05');
    expect(read('date', '2024年3月5日')).toBe('2024-03-05');
    expect(read('date', '5.3.2024', { dateOrder: 'dmy' })).toBe('2024-03-05');
    expect(read('date', '3/5/2024', { dateOrder: 'mdy' })).toBe('2024-03-05');
    expect(read('date', '3/5/2024')).toBeUndefined();
    expect(read('date', '2024-02-30')).toBeUndefined();
    expect(read('date', '31/12/2024', { dateOrder: 'mdy' })).toBeUndefined();
    expect(read('date', 'tomorrow')).toBeUndefined();
  });

  it('reads date-times with their zone, UTC when none is written', () => {
    expect(read('datetime', '2024-03-05T14:30:00Z')).toBe('2024-03-05T14:30:00Z');
    expect(read('datetime', '2024/3/5 9:05')).toBe('2024-03-05T09:05:00Z');
    expect(read('datetime', '05.03.2024 09:05:07+0800', { dateOrder: 'dmy' })).toBe(
      '2024-03-05T09:05:07+08:00',
    );
    expect(read('datetime', '2024-03-05T25:00')).toBeUndefined();
  });

  it('reads numbers with the locale decimal separator and thousands in groups of three', () => {
    expect(read('number', '1234.56')).toBe(1234.56);
    expect(read('number', '-1,234.56')).toBe(-1234.56);
    expect(read('currency', '1.234,56', { decimalSeparator: ',' })).toBe(1234.56);
    expect(read('currency', '1 234,5', { decimalSeparator: ',' })).toBe(1234.5);
    expect(read('percent', '12.5%')).toBe(12.5);
    expect(read('integer', '1,000')).toBe(1000);
    expect(read('integer', '12.5')).toBeUndefined();
    expect(read('number', '1,5')).toBeUndefined();
    expect(read('number', '1.234,56')).toBeUndefined();
    expect(read('number', '12abc')).toBeUndefined();
  });

  it('reads booleans in English and Chinese, and refuses other words', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', '是']) expect(read('boolean', yes)).toBe(true);
    for (const no of ['false', '0', 'No', '否']) expect(read('boolean', no)).toBe(false);
    expect(read('boolean', 'maybe')).toBeUndefined();
  });

  it('takes the text itself for types without a reading of their own', () => {
    expect(read('text', ' as is ')).toBe(' as is ');
    expect(read('multipicklist', 'a; b')).toEqual(['a', 'b']);
    expect(read('geolocation', '31.2304, 121.4737')).toEqual({ lat: 31.2304, lng: 121.4737 });
    expect(read('json', '{"a":1}')).toEqual({ a: 1 });
    expect(read('json', '{bad')).toBeUndefined();
  });
});
