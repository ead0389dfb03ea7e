/**
 * Types and run-time values of the formula language. Numbers are exact decimals (big.js, its own constructor so
 * the engine's settings are untouched); dates are `YYYY-MM-DD` text, datetimes milliseconds since the epoch
 * (UTC); text, booleans and picklist values are themselves; a blank value is null.
 */
import BigConstructor, { type Big } from 'big.js';

export type FormulaType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'picklist' | 'null';
/** What a formula field may declare as `returns`, and what a validation rule's formula must be. */
export type ResultType = Exclude<FormulaType, 'picklist' | 'null'>;

export type Value = Big | string | boolean | number | null;

/** Division keeps 20 decimal places; rounding is half away from zero, as Salesforce rounds. */
export const Decimal = BigConstructor();
Decimal.DP = 20;
Decimal.RM = 1;

export const isDecimal = (v: unknown): v is Big => v instanceof Decimal;

/** Blank: null, or empty text (Salesforce treats an empty text field as blank). */
export const isBlank = (v: Value): boolean => v === null || v === '';

export const TYPE_NAMES: Record<FormulaType, string> = {
  number: 'a number',
  text: 'text',
  boolean: 'a true/false value',
  date: 'a date',
  datetime: 'a date and time',
  picklist: 'a picklist value',
  null: 'NULL',
};
