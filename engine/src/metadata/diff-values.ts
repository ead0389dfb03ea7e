/**
 * Two JSON values compared value by value: each place they differ, by JSON pointer, with what was there before
 * and after. Pure and dependency-free, so the studio shows a change it is about to make the way the history does.
 */
import { escapePointer } from './json-pointer.js';

export interface ValueChange {
  pointer: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffValues(
  before: unknown,
  after: unknown,
  pointer = '',
  out: ValueChange[] = [],
): ValueChange[] {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      diffValues(before[key], after[key], `${pointer}/${escapePointer(key)}`, out);
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  out.push({
    pointer,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });
  return out;
}
