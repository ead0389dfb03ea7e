/**
 * What one evaluation of a formula may cost. The language has no loops, so the work of a formula is that of its
 * functions and operators on the values they get: without bounds, `LPAD(name, 200000000, "x")` makes 200 MB
 * and `(9^999)^60` a number of 57 000 digits, and either holds the whole process for seconds. Past a bound
 * the evaluation stops with a FormulaLimitError, which refuses the write it is part of.
 */
import type { Big } from 'big.js';
import { isDecimal } from './types.js';

/** The longest text a formula may make (Salesforce allows a few thousand characters; UTF-16 code units here). */
export const MAX_TEXT_LENGTH = 10_000;
/** The most significant digits, and the largest power of ten, of a number a formula computes. */
export const MAX_NUMBER_DIGITS = 1_000;
/** Characters (and digits) read and written by the functions of one evaluation, all together. */
export const MAX_WORK = 10_000_000;

export class FormulaLimitError extends Error {
  override readonly name = 'FormulaLimitError';
}

/**
 * Work done so far by the evaluation under way. Evaluations are synchronous and never nest, so one counter,
 * reset when each starts, is every evaluation's own.
 */
let work = 0;

export function startWork(): void {
  work = 0;
}

/** Counts `units` of work (characters, digits) and stops the evaluation once it has done too much. */
export function charge(units: number): void {
  work += units;
  if (work > MAX_WORK)
    throw new FormulaLimitError(`the formula does more than ${MAX_WORK} steps of work for one record`);
}

/** Refuses a text longer than a formula may make: called before the text is made wherever its length is known. */
export function checkTextLength(length: number): void {
  if (length > MAX_TEXT_LENGTH)
    throw new FormulaLimitError(`the formula makes a text of more than ${MAX_TEXT_LENGTH} characters`);
}

/** A value a function or operator made, once its text (if it is one) is known to be within the limits. */
export function limitedText<T>(value: T): T {
  if (typeof value === 'string') {
    checkTextLength(value.length);
    charge(value.length);
  }
  return value;
}

/** Refuses a number with more digits, or further from 1, than a formula may compute. */
export function limitedNumber(x: Big): Big {
  if (x.c.length > MAX_NUMBER_DIGITS || Math.abs(x.e) > MAX_NUMBER_DIGITS)
    throw new FormulaLimitError(`the formula computes a number of more than ${MAX_NUMBER_DIGITS} digits`);
  return x;
}

/** Any value a function made, checked as limitedText or limitedNumber says for its kind. */
export const limited = <T>(value: T): T =>
  isDecimal(value) ? (limitedNumber(value) as T) : limitedText(value);
