import { expect, it } from 'vitest';
import { viewChips } from './view-chips.js';

it('a view filter is a chip per condition, and one per branch of or/not', () => {
  expect(
    viewChips({
      stage: { ne: 'lost', isNull: false },
      and: [{ amount: { gte: 100 } }, { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }],
      not: { region: { eq: 'x' } },
    }),
  ).toEqual([
    { condition: { field: 'stage', op: 'ne', value: 'lost' } },
    { condition: { field: 'stage', op: 'isNull', value: false } },
    { condition: { field: 'amount', op: 'gte', value: 100 } },
    { complex: 'or' },
    { complex: 'not' },
  ]);
  expect(viewChips(undefined)).toEqual([]);
});
