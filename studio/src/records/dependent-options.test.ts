import { describe, expect, it } from 'vitest';
import type { PropertyDocument } from '../api/types.js';
import { allowedOptions } from './dependent-options.js';

const city: PropertyDocument = {
  type: 'string',
  enum: ['shanghai', 'hangzhou', 'boston', 'online'],
  'x-tessera': {
    field: 'picklist',
    controllingField: 'country',
    options: [
      { value: 'shanghai', validFor: ['cn'] },
      { value: 'hangzhou', validFor: ['cn'] },
      { value: 'boston', validFor: ['us'] },
      { value: 'online' },
    ],
  },
};

describe('allowedOptions', () => {
  it('offers the options valid for the controlling value, and those valid for any', () => {
    expect(allowedOptions(city, 'cn').map((o) => o.value)).toEqual(['shanghai', 'hangzhou', 'online']);
    expect(allowedOptions(city, 'us').map((o) => o.value)).toEqual(['boston', 'online']);
    expect(allowedOptions(city, 'fr').map((o) => o.value)).toEqual(['online']);
  });

  it('offers every option while the controlling field is blank, or for a checkbox by its value', () => {
    expect(allowedOptions(city, null)).toHaveLength(4);
    expect(allowedOptions(city, '')).toHaveLength(4);
    const flag: PropertyDocument = {
      ...city,
      'x-tessera': {
        ...city['x-tessera'],
        options: [{ value: 'shanghai', validFor: ['true'] }, { value: 'online' }],
      },
    };
    expect(allowedOptions(flag, true).map((o) => o.value)).toEqual(['shanghai', 'online']);
    expect(allowedOptions(flag, false).map((o) => o.value)).toEqual(['online']);
  });

  it('a picklist without a controlling field offers all its options whatever is passed', () => {
    const plain = {
      ...city,
      'x-tessera': { ...city['x-tessera'], controllingField: undefined },
    } as PropertyDocument;
    expect(allowedOptions(plain, 'cn')).toHaveLength(4);
  });
});
