import { TesseraApiError } from '@tessera/client';
import { describe, expect, it } from 'vitest';
import { bulkWithRetry, eachRecord, failuresOf } from './bulk-results.js';

const refusal = (errors: { pointer: string; message: string }[], detail = 'refused') =>
  new TesseraApiError({
    type: 'about:blank',
    title: 'Unprocessable',
    status: 422,
    detail,
    code: 'validation_failed',
    errors: errors.map((e) => ({ ...e, field: '', code: 'rule' })),
  });

describe('bulk outcomes', () => {
  it('names the refused records by their place in the request', () => {
    const error = refusal([
      { pointer: '/records/1/amount', message: 'Too big.' },
      { pointer: '/records/1/name', message: 'Too long.' },
      { pointer: '/records/9/name', message: 'Nobody.' },
      { pointer: '/name', message: 'Not a record.' },
    ]);
    expect(failuresOf(error, ['a', 'b', 'c'])).toEqual([{ id: 'b', message: 'Too big. Too long.' }]);
  });

  it('sends the others again without the refused ones, once', async () => {
    const sent: string[][] = [];
    const outcome = await bulkWithRetry(['a', 'b', 'c'], async (ids) => {
      sent.push([...ids]);
      if (ids.includes('b'))
        throw refusal([{ pointer: `/records/${ids.indexOf('b')}/amount`, message: 'No.' }]);
    });
    expect(sent).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
    expect(outcome).toEqual({ done: ['a', 'c'], failed: [{ id: 'b', message: 'No.' }] });
  });

  it('fails every record with a refusal that names none, and never retries forever', async () => {
    expect(
      await bulkWithRetry(['a', 'b'], async () => {
        throw refusal([], 'You may not edit deals.');
      }),
    ).toEqual({
      done: [],
      failed: [
        { id: 'a', message: 'You may not edit deals.' },
        { id: 'b', message: 'You may not edit deals.' },
      ],
    });
    let calls = 0;
    const outcome = await bulkWithRetry(['a', 'b'], async (ids) => {
      calls++;
      throw refusal([{ pointer: `/records/${ids.length - 1}/x`, message: 'No.' }]);
    });
    expect(calls).toBe(2);
    expect(outcome.done).toEqual([]);
    expect(outcome.failed.map((f) => f.id)).toEqual(['b', 'a']);
  });

  it('one call per record keeps each failure', async () => {
    const outcome = await eachRecord(['a', 'b'], async (id) => {
      if (id === 'b') throw refusal([], 'Locked.');
    });
    expect(outcome).toEqual({ done: ['a'], failed: [{ id: 'b', message: 'Locked.' }] });
  });
});
